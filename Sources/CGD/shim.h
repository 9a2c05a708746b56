/* shim.h: exposes the system's libgd (Debian libgd-dev) to Swift, for re-encoding avatars. */
#include <gd.h>
