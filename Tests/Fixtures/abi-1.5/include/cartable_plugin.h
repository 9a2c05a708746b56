/* cartable_plugin.h: the stable C ABI between the Cartable host and its plugins (ABI 1.5). */
#ifndef CARTABLE_PLUGIN_H
#define CARTABLE_PLUGIN_H

/*
 * SPDX-License-Identifier: Apache-2.0 (plugins of any licence may be built against this header)
 *
 * This header is the whole contract between the Cartable host and a plugin. It is C99,
 * includes nothing but <stdint.h> and <stddef.h>, and compiles as C++ too.
 *
 * ---------------------------------------------------------------------------------------
 * Versioning
 * ---------------------------------------------------------------------------------------
 * The ABI version is MAJOR.MINOR. A host loads a plugin when the plugin's major equals the
 * host's and the plugin's minor is lower than or equal to the host's. A minor release only
 * adds: new fields at the end of structs, new functions at the end of tables, new
 * extension ids. Nothing is removed or reordered within a major. A changed extension gets
 * a new id ("cartable.store/2") and the old id keeps working.
 *
 * Every struct that crosses the boundary starts with `struct_size` (the sizeof the
 * producer compiled against). A reader reads a field only when it lies inside
 * struct_size; use CARTABLE_HAS_FIELD below. Only fixed-width integers, pointers and
 * function pointers appear in structs: no bool, no enum, no language-specific type.
 *
 * ---------------------------------------------------------------------------------------
 * Ownership
 * ---------------------------------------------------------------------------------------
 * Whoever allocates frees. Nothing is ever freed across the boundary.
 *  - Data the host passes in (requests, strings, host tables) is borrowed: valid until
 *    the called function returns, unless its comment says longer.
 *  - Data the plugin returns (its descriptor, magic, extension tables) is owned by the
 *    plugin and must stay valid and unchanged until `shutdown` returns.
 *  - Responses and query results go into sinks owned by the receiver: the plugin writes
 *    its response into the host's cartable_response_t; the host writes store results into
 *    the plugin's cartable_sink_t. Bytes given to a sink are copied before it returns.
 *  - Strings are UTF-8 with an explicit length (cartable_str_t). They are NOT
 *    NUL-terminated unless a comment says so. Identifiers in the descriptor and magic are
 *    NUL-terminated C strings.
 *
 * ---------------------------------------------------------------------------------------
 * Threading tags (every function pointer ends its comment with one)
 * ---------------------------------------------------------------------------------------
 *  [load]        called once while the host loads plugins, on one thread, never
 *                concurrently with anything else of this plugin.
 *  [any-thread]  may be called from any thread, concurrently with itself and with every
 *                other [any-thread] or [request] function.
 *  [request]     only during a call to `handle` (or another callback that hands out the
 *                object), on the thread running that call; the object is invalid after.
 *  Plugin calls may block (the store does I/O): the host never calls a plugin on an
 *  event-loop thread but on a pool sized for blocking work.
 *
 * ---------------------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------------------------
 * Functions that can fail return int32_t: CARTABLE_OK (0) or a negative CARTABLE_E_* code.
 * The message that goes with an error travels through a sink: a plugin reports its
 * handler error with response->set_error(); the host reports a store error by writing the
 * message into the `out` sink the plugin passed. No exception, Swift error, longjmp or
 * abort may cross the boundary.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ABI version and export macro ---------------------------------------------------- */

#define CARTABLE_ABI_VERSION_MAJOR 1
#define CARTABLE_ABI_VERSION_MINOR 5

#if defined(_WIN32)
#define CARTABLE_EXPORT __declspec(dllexport)
#else
#define CARTABLE_EXPORT __attribute__((visibility("default")))
#endif

/* The two symbols every plugin exports, by these exact names. */
#define CARTABLE_PLUGIN_MAGIC_SYMBOL "cartable_plugin_magic"
#define CARTABLE_PLUGIN_ENTRY_SYMBOL "cartable_plugin_entry"

/* The first four bytes of cartable_plugin_magic_t.magic: 'CRTB'. */
#define CARTABLE_MAGIC_NUMBER 0x43525442u

/* True when a struct of reported size `size` contains `field` of `type`. */
#define CARTABLE_HAS_FIELD(type, size, field) \
    ((size) >= offsetof(type, field) + sizeof(((type *)0)->field))

/*
 * The toolchain tag a Swift plugin reports, as the Swift compiler's C importer sees it.
 * Swift has no stable ABI on Linux: a Swift plugin runs only on a host built by the very
 * same toolchain. Only meaningful when read by Swift code; C plugins report NULL.
 */
#if defined(__clang_version__)
#define CARTABLE_SWIFT_TOOLCHAIN_TAG __clang_version__
#endif

/* ---- Status codes -------------------------------------------------------------------- */

#define CARTABLE_OK 0
#define CARTABLE_E_INVALID (-1)     /* the caller passed something malformed */
#define CARTABLE_E_NOT_FOUND (-2)   /* no such document, route or extension */
#define CARTABLE_E_CONFLICT (-3)    /* optimistic version check failed */
#define CARTABLE_E_DENIED (-4)      /* the caller may not do this */
#define CARTABLE_E_INTERNAL (-5)    /* a bug or an I/O failure on the callee's side */
#define CARTABLE_E_UNSUPPORTED (-6) /* the callee does not offer this */
#define CARTABLE_E_TOO_LARGE (-7)   /* over a configured limit */

/* Log levels for cartable_host_t.log. */
#define CARTABLE_LOG_DEBUG 0
#define CARTABLE_LOG_INFO 1
#define CARTABLE_LOG_WARNING 2
#define CARTABLE_LOG_ERROR 3

/* Body kinds for cartable_response_t.set_kind. */
#define CARTABLE_BODY_RAW 0      /* bytes pass through unchanged (JSON, images, ...) */
#define CARTABLE_BODY_FRAGMENT 1 /* an HTML fragment the host wraps in the portal page */

/* ---- Small value types --------------------------------------------------------------- */

/* A borrowed UTF-8 string with a length; `data` may be NULL when `len` is 0. */
typedef struct cartable_str {
    const char *data;
    uint64_t len;
} cartable_str_t;

/* One HTTP header, borrowed. Names are lower-case. */
typedef struct cartable_header {
    cartable_str_t name;
    cartable_str_t value;
} cartable_header_t;

/*
 * A byte sink owned by whoever receives the bytes (usually the plugin, when it asks the
 * host for data). The host calls `write` zero or more times; the bytes are only valid
 * during the call and must be copied. `write` returns CARTABLE_OK, or a negative code to
 * make the host stop and fail the operation with that code.
 */
typedef struct cartable_sink {
    void *ctx; /* the receiver's, passed back untouched */
    /* [request]: on the thread of the call the sink was passed to, before it returns. */
    int32_t (*write)(void *ctx, const uint8_t *bytes, uint64_t len);
} cartable_sink_t;

/* ---- The magic: checked before any other plugin code runs ---------------------------- */

typedef struct cartable_plugin_magic {
    uint32_t struct_size; /* sizeof(cartable_plugin_magic_t) */
    uint32_t magic;       /* CARTABLE_MAGIC_NUMBER */
    uint32_t abi_major;   /* CARTABLE_ABI_VERSION_MAJOR the plugin was built against */
    uint32_t abi_minor;   /* CARTABLE_ABI_VERSION_MINOR the plugin was built against */
    /* NUL-terminated toolchain tag of a Swift plugin (CARTABLE_SWIFT_TOOLCHAIN_TAG as
       PluginKit reads it); NULL for a plugin that links no Swift runtime. The host
       refuses a Swift plugin whose tag differs from its own. */
    const char *swift_toolchain;
} cartable_plugin_magic_t;

/*
 * Exported by every plugin as `cartable_plugin_magic`. Returns a pointer to a static,
 * constant struct. The host calls it right after dlopen, before `cartable_plugin_entry`,
 * and refuses the plugin on any mismatch. It must only return the constant struct: no
 * host call, no I/O, nothing that depends on `cartable_plugin_entry` having run. [load]
 */
typedef const cartable_plugin_magic_t *(*cartable_plugin_magic_fn)(void);

/* ---- The host API table -------------------------------------------------------------- */

/*
 * What the host offers a plugin. One table per loaded plugin (two versions of a plugin
 * get two tables), owned by the host and valid from `cartable_plugin_entry` until
 * `shutdown` returns. Members are only ever added at the end (check struct_size).
 */
typedef struct cartable_host {
    uint32_t struct_size;
    uint32_t abi_major; /* the host's ABI version */
    uint32_t abi_minor;
    uint32_t reserved;
    void *host_data; /* the host's; never touch */
    cartable_str_t host_version; /* e.g. "0.1.0"; valid as long as the table */
    /* Absolute path of this plugin version's bundle folder (manifest.json, assets/,
       locales/), without a trailing '/'; valid as long as the table. Read-only: a
       plugin keeps its data in the store, never in its bundle. */
    cartable_str_t bundle_path;

    /* Writes one line to the host's log, tagged with the plugin id and version.
       `message` is borrowed for the call. [any-thread] */
    void (*log)(const struct cartable_host *host, int32_t level, cartable_str_t message);

    /* Looks up a host extension by id ("cartable.store/1"). `id` is NUL-terminated and
       borrowed. Returns a host-owned table valid as long as `host`, or NULL when this
       host does not offer it. Call it in `init` and keep the pointer. [any-thread] */
    const void *(*get_extension)(const struct cartable_host *host, const char *id);
} cartable_host_t;

/* ---- Requests and responses ---------------------------------------------------------- */

/*
 * What the host knows of the caller. Borrowed for the duration of `handle`.
 */
typedef struct cartable_request_context {
    uint32_t struct_size;
    uint32_t reserved;
    cartable_str_t request_id; /* unique per request, for logs */
    cartable_str_t locale;     /* BCP 47 language of the caller: "fr", "en" */
    /* This plugin's settings as a JSON object: the manifest's "settings.defaults", then
       what the platform admin set, then (since 1.3) what the admin of the authority of
       the request's school set for the keys the manifest lists in "settings.authority". */
    cartable_str_t settings;
    cartable_str_t base_path;  /* where the plugin is mounted: "/apps/notes" */
    /* The caller's anti-CSRF token. Every state-changing request (POST, PUT, PATCH, DELETE)
       must carry it, as the form field "_csrf" or the header "X-CSRF-Token", or the host
       refuses it with 403 before the plugin runs: put it in every form the plugin renders. */
    cartable_str_t csrf_token;

    /* ---- Since ABI 1.1: who is calling. Read only when CARTABLE_HAS_FIELD says the host
       sent it (a 1.0 host did not); the host has already refused anonymous callers on
       routes that need a user (see the manifest's "public" flag). ---- */

    /* The logged-in user's opaque id; empty (len 0) for an anonymous caller, and then
       every other identity field below is empty too, except (since 1.3) on a public page
       under /pub/ (see "cartable.public/1"): school_id and school_uai then name the school
       that published the page, so the store and the other extensions read that school. */
    cartable_str_t user_id;
    cartable_str_t user_display_name;
    /* "Student", "Teacher", "Relative", "Personnel" or "Guest"; empty when anonymous. */
    cartable_str_t user_profile;
    /* The caller's current school (a user in several schools picks one): its opaque id
       and its UAI code; empty when the caller has none. The store and every host
       extension are scoped to this school: a plugin never sees another school's data. */
    cartable_str_t school_id;
    cartable_str_t school_uai;
    /* The user's classes in the current school: `class_count` opaque ids. Use
       cartable.directory/1 for their names and members. */
    const cartable_str_t *class_ids;
    uint32_t class_count;
    uint32_t reserved_1_1;
    /* For a parent (profile "Relative"): the child they chose to look at in this school,
       or their first child there; empty otherwise. A plugin that shows a child's data
       (homework, grades) shows this child's. */
    cartable_str_t child_id;
    /* The actions the caller holds in the current school (manifest "actions", granted by
       the school through roles): `action_count` strings such as "blogs.create". The host
       already refused a route whose action is missing; a plugin checks the others itself
       (a button it shows only to those who may use it). Empty when anonymous. */
    const cartable_str_t *actions;
    uint32_t action_count;
    uint32_t reserved_1_1b;
} cartable_request_context_t;

/*
 * One HTTP request for the plugin. The host has already checked the route, the size
 * limit, the CSRF token and whether the route needs a logged-in user. Everything is borrowed and valid until
 * `handle` returns. `path` is relative to the plugin's mount and starts with '/'; `query`
 * is the raw query string without '?'.
 */
typedef struct cartable_request {
    uint32_t struct_size;
    uint32_t header_count;
    cartable_str_t method; /* "GET", "POST", ... */
    cartable_str_t path;
    cartable_str_t query;
    const cartable_header_t *headers; /* header_count entries */
    const uint8_t *body;
    uint64_t body_len;
    const cartable_request_context_t *context;
    void *host_data; /* the host's; pass the request back to host services untouched */
} cartable_request_t;

/*
 * The response sink, owned by the host, valid only during `handle`. Without calls the
 * response is 200, raw, empty. Every function is [request].
 */
typedef struct cartable_response {
    uint32_t struct_size;
    uint32_t reserved;
    void *host_data; /* the host's; never touch */

    /* Sets the HTTP status (100..599). Returns CARTABLE_E_INVALID otherwise. [request] */
    int32_t (*set_status)(const struct cartable_response *response, int32_t status);

    /* Adds a header; both strings are copied. Hop-by-hop and Set-Cookie headers are
       refused with CARTABLE_E_DENIED. [request] */
    int32_t (*add_header)(const struct cartable_response *response, cartable_str_t name,
                          cartable_str_t value);

    /* Appends body bytes (copied). Returns CARTABLE_E_TOO_LARGE past the host's response
       limit. [request] */
    int32_t (*write)(const struct cartable_response *response, const uint8_t *bytes,
                     uint64_t len);

    /* CARTABLE_BODY_RAW (default) or CARTABLE_BODY_FRAGMENT. [request] */
    int32_t (*set_kind)(const struct cartable_response *response, int32_t kind);

    /* The page title the portal shows around a fragment (copied). [request] */
    int32_t (*set_title)(const struct cartable_response *response, cartable_str_t title);

    /* The message that goes with a negative status returned by `handle` (copied). The
       host logs it and answers the caller with it. [request] */
    void (*set_error)(const struct cartable_response *response, cartable_str_t message);

    /* ---- ABI 1.2 ---- */

    /* Adds a breadcrumb to a fragment's page, after the portal's "Home › <app>" and before
       the page title: `label` (shown escaped) linking to `path`, a local path into this
       plugin ("/apps/<id>/..."; the request context's base_path starts it). Both copied; at
       most 8 per response. Returns CARTABLE_E_INVALID for another path or a ninth crumb.
       Present when the host speaks 1.2 or later, which the loader guarantees to a plugin
       built for 1.2. [request] */
    int32_t (*add_breadcrumb)(const struct cartable_response *response, cartable_str_t label, cartable_str_t path);
} cartable_response_t;

/* ---- The plugin descriptor ----------------------------------------------------------- */

typedef struct cartable_plugin {
    uint32_t struct_size;
    uint32_t reserved;
    const char *id;      /* NUL-terminated; must equal the manifest's id */
    const char *name;    /* NUL-terminated human name, for logs */
    const char *version; /* NUL-terminated; must equal the manifest's version */
    void *plugin_data;   /* the plugin's; the host never touches it */

    /* Prepares the plugin: look up extensions, open resources. Returns CARTABLE_OK or a
       negative code; on failure, write a message into `error` (a host-owned sink,
       valid during the call) and the plugin is refused without `shutdown`. [load] */
    int32_t (*init)(const struct cartable_plugin *plugin, const cartable_sink_t *error);

    /* Releases what init acquired. Called once, when the host stops, after every
       `handle` call has returned. The library is never unloaded. [load] */
    void (*shutdown)(const struct cartable_plugin *plugin);

    /* Answers one request: writes into `response`, returns CARTABLE_OK, or a negative
       code with response->set_error(). The host answers CARTABLE_E_NOT_FOUND with 404,
       E_INVALID 400, E_DENIED 403, E_CONFLICT 409, E_TOO_LARGE 413, others 500. Must
       not keep any pointer of `request` or `response` after returning. [any-thread] */
    int32_t (*handle)(const struct cartable_plugin *plugin, const cartable_request_t *request,
                      const cartable_response_t *response);

    /* Looks up an interface the plugin offers to the host ("cartable.personal-data/1").
       Returns a plugin-owned table valid until shutdown, or NULL. [any-thread] */
    const void *(*get_extension)(const struct cartable_plugin *plugin, const char *id);
} cartable_plugin_t;

/*
 * Exported by every plugin as `cartable_plugin_entry`. Called once per load, after the
 * magic passed, with the host table (valid until `shutdown` returns). Returns the plugin's
 * descriptor, valid until `shutdown` returns, or NULL to refuse loading. It must not call
 * host services yet: `init` comes next. [load]
 */
typedef const cartable_plugin_t *(*cartable_plugin_entry_fn)(const cartable_host_t *host);

/* Declarations a plugin implements (Swift: `@c @implementation`; C: CARTABLE_EXPORT). */
const cartable_plugin_magic_t *cartable_plugin_magic(void);
const cartable_plugin_t *cartable_plugin_entry(const cartable_host_t *host);

/* =======================================================================================
 * Host extension "cartable.store/1": document collections
 * =======================================================================================
 *
 * Each plugin has its own collections, declared in its manifest with their indexed
 * fields. Documents are JSON objects addressed by (collection, id); ids are 1..200 bytes
 * of [A-Za-z0-9._:-]. Each write bumps the document's version (1 on creation). The host
 * scopes every call to the calling plugin (through `host`) and to the caller's scope
 * (through `request`): a plugin can never read another plugin's documents.
 *
 * `request` is the request being handled, or NULL outside a request (in `init`, which
 * then sees the platform scope). On a negative return, the message is written to `out`.
 */
#define CARTABLE_EXT_STORE_1 "cartable.store/1"

/* expected_version for put/delete: any version, or "must not exist yet". */
#define CARTABLE_VERSION_ANY (-1)
#define CARTABLE_VERSION_NEW 0

typedef struct cartable_store_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* Writes a document. `json` must be a JSON object. When expected_version is not
       CARTABLE_VERSION_ANY, the current version must equal it (CARTABLE_VERSION_NEW: the
       document must not exist), else CARTABLE_E_CONFLICT. On success *new_version gets
       the stored version. [any-thread] */
    int32_t (*put)(const cartable_host_t *host, const cartable_request_t *request,
                   cartable_str_t collection, cartable_str_t id, cartable_str_t json,
                   int64_t expected_version, int64_t *new_version, const cartable_sink_t *out);

    /* Reads a document: its JSON goes to `out`, its version to *version.
       CARTABLE_E_NOT_FOUND when absent. [any-thread] */
    int32_t (*get)(const cartable_host_t *host, const cartable_request_t *request,
                   cartable_str_t collection, cartable_str_t id, int64_t *version,
                   const cartable_sink_t *out);

    /* Deletes a document, with the same version rule as put. CARTABLE_E_NOT_FOUND when
       absent. [any-thread] */
    int32_t (*remove)(const cartable_host_t *host, const cartable_request_t *request,
                      cartable_str_t collection, cartable_str_t id, int64_t expected_version,
                      const cartable_sink_t *out);

    /* Queries a collection. `query_json` is an object:
         {"where": [{"field": "due", "op": "ge", "value": "2026-01-01"}, ...],
          "order": {"field": "due", "descending": false},
          "limit": 50, "cursor": "<opaque, from a previous page>"}
       Fields must be declared indexed in the manifest; ops: eq, ne, lt, le, gt, ge.
       `out` receives {"items": [{"id":..., "version":..., "document": {...}}, ...],
       "cursor": "<next page>" or null}. limit defaults to 50, at most 1000. [any-thread] */
    int32_t (*query)(const cartable_host_t *host, const cartable_request_t *request,
                     cartable_str_t collection, cartable_str_t query_json,
                     const cartable_sink_t *out);

    /* Applies several writes atomically: all or none. `batch_json` is an array of
         {"op": "put", "collection": "c", "id": "x", "document": {...}, "expected_version": 3}
         {"op": "delete", "collection": "c", "id": "y", "expected_version": -1}
       (expected_version is optional, default any). `out` receives the resulting versions
       as a JSON array (0 for deletes), or the error of the first failing operation.
       [any-thread] */
    int32_t (*batch)(const cartable_host_t *host, const cartable_request_t *request,
                     cartable_str_t batch_json, const cartable_sink_t *out);
} cartable_store_v1_t;

/* =======================================================================================
 * Host extension "cartable.directory/1": people and classes of the caller's school (ABI 1.1)
 * =======================================================================================
 *
 * Look-ups are always restricted to the current school of `request` (its context's
 * school_id): a class of another school, or a person not attached to this school, is
 * CARTABLE_E_NOT_FOUND, exactly as if it did not exist. `request` must be the request
 * being handled (NULL gives CARTABLE_E_INVALID: outside a request there is no school).
 * An empty `user_id` means the caller. On success `out` receives JSON; on a negative
 * return, a message.
 *
 * A person is {"id": "...", "display_name": "...", "profile": "Student"}.
 * A class is {"id": "...", "name": "4e B", "level": "4e"} (level may be null).
 * A group is {"id": "...", "name": "Élèves de 4e B", "kind": "profile" or "manual",
 * "profile": "Student" or null, "class_id": "..." or null}: a group id is what a share
 * ("cartable.access/1") or an event audience ("cartable.events/1") targets.
 * Lists are sorted by display name (people) or name (classes, groups).
 */
#define CARTABLE_EXT_DIRECTORY_1 "cartable.directory/1"

typedef struct cartable_directory_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* One person of the current school: `out` receives a person object. [any-thread] */
    int32_t (*user)(const cartable_host_t *host, const cartable_request_t *request,
                    cartable_str_t user_id, const cartable_sink_t *out);

    /* The members of a class of the current school (students and teachers alike):
       `out` receives an array of persons. [any-thread] */
    int32_t (*class_members)(const cartable_host_t *host, const cartable_request_t *request,
                             cartable_str_t class_id, const cartable_sink_t *out);

    /* The children of a parent who belong to the current school: an array of persons
       (empty for someone who is no parent). [any-thread] */
    int32_t (*children_of)(const cartable_host_t *host, const cartable_request_t *request,
                           cartable_str_t user_id, const cartable_sink_t *out);

    /* The classes a person has in the current school: an array of classes. [any-thread] */
    int32_t (*classes_of)(const cartable_host_t *host, const cartable_request_t *request,
                          cartable_str_t user_id, const cartable_sink_t *out);

    /* ---- Since ABI 1.3: check CARTABLE_HAS_FIELD against the table's struct_size. ---- */

    /* The groups of the current school: `out` receives an array of groups. An empty
       `class_id` lists them all (the school's profile groups, each class's profile groups,
       manual groups); a class id lists that class's groups only (CARTABLE_E_NOT_FOUND for
       a class of another school). [any-thread] */
    int32_t (*groups)(const cartable_host_t *host, const cartable_request_t *request,
                      cartable_str_t class_id, const cartable_sink_t *out);
} cartable_directory_v1_t;

/* =======================================================================================
 * Host extension "cartable.access/1": granted actions and shares of resources (ABI 1.1)
 * =======================================================================================
 *
 * Actions are those of the manifest, granted by the caller's school through roles. A
 * share gives a user or a group of the current school a right on one resource of this
 * plugin (an opaque id of 1..200 bytes, e.g. a blog's id). Rights include the lower
 * ones: manage > contrib > comment > read. Shares may only target users attached to the
 * current school and groups of it (anything else: CARTABLE_E_INVALID with a message), and
 * a plugin never sees another plugin's or another school's shares. Who may change a
 * resource's shares is the plugin's rule (typically: its managers). `request` must be the
 * request being handled.
 */
#define CARTABLE_EXT_ACCESS_1 "cartable.access/1"

#define CARTABLE_RIGHT_READ 1
#define CARTABLE_RIGHT_COMMENT 2
#define CARTABLE_RIGHT_CONTRIB 3
#define CARTABLE_RIGHT_MANAGE 4

typedef struct cartable_access_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* 1 when the caller holds `action` in the current school, 0 when not (anonymous
       callers hold none), or a negative code. [any-thread] */
    int32_t (*is_granted)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t action);

    /* `out` receives the shares of `resource`:
       [{"kind": "user"|"group", "id": "...", "right": "read"|"comment"|"contrib"|"manage"}]. [any-thread] */
    int32_t (*get_shares)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t resource,
                          const cartable_sink_t *out);

    /* Gives `target_id` (`target_kind` "user" or "group") the right `right` (a
       CARTABLE_RIGHT_*) on `resource`, replacing any previous right. Audited. [any-thread] */
    int32_t (*set_share)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t resource,
                         cartable_str_t target_kind, cartable_str_t target_id, int32_t right, const cartable_sink_t *out);

    /* Withdraws the share of `target_id` on `resource` (none: nothing happens). [any-thread] */
    int32_t (*revoke_share)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t resource,
                            cartable_str_t target_kind, cartable_str_t target_id, const cartable_sink_t *out);

    /* 1 when the caller holds at least `right` on `resource` (directly or through one of
       their groups: their profile, their classes, manual groups), 0 when not. [any-thread] */
    int32_t (*check)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t resource, int32_t right);

    /* `out` receives the ids of this plugin's resources shared with the caller with at
       least `right`, as a JSON array of strings. [any-thread] */
    int32_t (*shared_with_me)(const cartable_host_t *host, const cartable_request_t *request, int32_t right,
                              const cartable_sink_t *out);

    /* ---- Since ABI 1.3: check CARTABLE_HAS_FIELD against the table's struct_size. ---- */

    /* The highest right the caller holds on `resource` (CARTABLE_RIGHT_READ … MANAGE), or 0
       when none (and for anonymous callers): one look-up where `check` would take up to
       four. Negative on error. [any-thread] */
    int32_t (*right_of)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t resource);
} cartable_access_v1_t;

/* =======================================================================================
 * Plugin extension "cartable.personal-data/1": export and erase a user's data (ABI 1.1)
 * =======================================================================================
 *
 * Offered BY a plugin (through its descriptor's get_extension) to the host, which calls
 * it when a user downloads their data (GET /profile/export) and when a school admin
 * anonymizes a departed user. A plugin that keeps anything about people must offer it.
 *
 * The host calls each function once per school the user has belonged to, with a request
 * it made for the occasion: method "EXPORT" or "ERASE", path "/", no headers, no body,
 * and a context whose school is that school (the store calls made with this request see
 * that school's documents) and whose user is the person asking (the user themselves for
 * an export, the admin for an erasure). Everything is borrowed for the call.
 */
#define CARTABLE_EXT_PERSONAL_DATA_1 "cartable.personal-data/1"

typedef struct cartable_personal_data_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* Writes everything the plugin keeps about `user_id` in the request's school as ONE
       JSON value into `out` (null or [] when nothing). Returns CARTABLE_OK, or a negative
       code with a message written into `out` instead. [any-thread] */
    int32_t (*export_user)(const cartable_plugin_t *plugin, const cartable_request_t *request,
                           cartable_str_t user_id, const cartable_sink_t *out);

    /* Erases what the plugin keeps about `user_id` in the request's school: private data
       is deleted; content others rely on (a post in a class blog) may stay, but without
       anything that identifies the person. Must be idempotent: the host may call it
       again after a failure. Returns CARTABLE_OK, or a negative code with a message in
       `error`. [any-thread] */
    int32_t (*erase_user)(const cartable_plugin_t *plugin, const cartable_request_t *request,
                          cartable_str_t user_id, const cartable_sink_t *error);
} cartable_personal_data_v1_t;

/* =======================================================================================
 * Host extension "cartable.events/1": timeline notifications and events between plugins
 * =======================================================================================
 *
 * A plugin emits a typed event about something that happened in the request's school,
 * done by the request's user (the actor). The host stores it, shows it on the timeline of
 * each member of its audience, and delivers it at least once to every plugin whose
 * manifest subscribes to its type (see "cartable.event-listener/1"). Types are declared
 * in the manifest's "events": {"emits": ["blogs.post.published"]} and start with the
 * plugin's id. The timeline's text is the plugin's locale string "event.<type>", where
 * {actor} and each {param} are replaced (escaped by the host).
 *
 * `request` must be the request being handled. Added in ABI 1.1; a host that does not
 * offer it returns NULL from get_extension.
 */
#define CARTABLE_EXT_EVENTS_1 "cartable.events/1"

typedef struct cartable_events_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* Emits `event`, a JSON object (UTF-8, at most 64 KiB):
         "type":     a declared type, required;
         "audience": {"users": [user ids], "groups": [group ids]}: members of the current
                     school who see it on their timeline (the actor never does);
         "link":     a local path the timeline links to, e.g. "/apps/blogs/posts/12";
         "resource": optional id of a resource of this plugin shared through
                     "cartable.access/1": the event then shows only to those who can still
                     read it (a share that is revoked hides it);
         "params":   {"name": "string", ...} for the locale text (at most 20);
         "key":      optional idempotency key (1..200 bytes): a second emit with the same
                     key in this plugin does nothing and answers the first event's id.
       On success returns CARTABLE_OK and `out` receives the event's id (decimal text). On
       a bad event returns CARTABLE_E_INVALID with the reason in `out`. Anonymous
       requests and requests without a school cannot emit. [any-thread] */
    int32_t (*emit)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t event,
                    const cartable_sink_t *out);
} cartable_events_v1_t;

/* =======================================================================================
 * Host extension "cartable.events/2": events/1, and settling a notification (ABI 1.5)
 * =======================================================================================
 *
 * The same `emit` as "cartable.events/1", and `settle` for a notification that asked for
 * something now done: a comment waiting for approval was approved or deleted, a request
 * was answered. A host of ABI 1.5 or later offers both ids; a plugin asks for this one
 * when it settles.
 */
#define CARTABLE_EXT_EVENTS_2 "cartable.events/2"

typedef struct cartable_events_v2 {
    uint32_t struct_size;
    uint32_t reserved;

    /* Exactly "cartable.events/1"'s emit. [any-thread] */
    int32_t (*emit)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t event,
                    const cartable_sink_t *out);
    /* Settles the event this plugin emitted in the request's school under the idempotency
       `key` (1..200 bytes, the "key" given to emit): it leaves the timeline of everyone it
       reached, read or not, and their unread counts, and a newcomer's catch-up never brings
       it back. Its deliveries to listening plugins go on. An unknown or already settled key
       does nothing and returns CARTABLE_OK. Returns CARTABLE_E_INVALID with the reason in
       `error` for a bad key, an anonymous request or one without a school. [any-thread] */
    int32_t (*settle)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t key,
                      const cartable_sink_t *error);
} cartable_events_v2_t;

/* =======================================================================================
 * Plugin extension "cartable.event-listener/1": receive the events the manifest subscribes to
 * =======================================================================================
 *
 * Offered BY a plugin whose manifest lists "events": {"subscribes": ["blogs.*", ...]} ("*"
 * for every type). The host calls `on_event` once per event and plugin, from its delivery
 * worker, with a request it made for the occasion: method "EVENT", path "/", the event's
 * school as scope and its actor as user; everything is borrowed for the call.
 *
 * Delivery is at least once: after a failure, a crash or a restart the same event comes
 * again (with the same "id"), later and later (a few seconds, doubling up to an hour), so
 * handle it idempotently, keyed by "id". Events are delivered in the order they were
 * emitted for one plugin, but a failing event does not hold the others back.
 */
#define CARTABLE_EXT_EVENT_LISTENER_1 "cartable.event-listener/1"

typedef struct cartable_event_listener_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* `event` is JSON: {"id": "42", "type": "...", "plugin": "<emitter id>", "school_id":
       "...", "actor_id": "...", "link": "...", "resource": "..." or null, "params": {...},
       "audience": {"users": [...], "groups": [...]}, "at": "2026-11-23T20:00:00Z"}.
       Returns CARTABLE_OK once handled; any other code (with a message in `error`) means
       "try again later". Must not block for long: other deliveries wait. [any-thread] */
    int32_t (*on_event)(const cartable_plugin_t *plugin, const cartable_request_t *request, cartable_str_t event,
                        const cartable_sink_t *error);
} cartable_event_listener_v1_t;

/* =======================================================================================
 * Host extension "cartable.public/1": pages readable without logging in (ABI 1.3)
 * =======================================================================================
 *
 * A plugin claims a public name for something of the request's school (a blog's slug):
 * names are unique per plugin across the whole platform, because the public address
 * carries no school. The host then serves GET and HEAD on
 *     /pub/<plugin id>/<name>  and  /pub/<plugin id>/<name>/<rest>
 * to anyone, by calling the plugin's route "/pub/<name>[/<rest>]", which the manifest
 * must declare with "public": true (e.g. {"method": "GET", "path": "/pub/:name",
 * "public": true}, and one route per deeper page). On that request the user fields of the context are empty and
 * school_id / school_uai name the school that claimed the name (see the context): the
 * store reads that school. The host answers 404 itself when the name is unclaimed or the
 * school no longer enables the plugin; everything else (is this blog still public? may
 * this authority publish?) is the plugin's to check on each request. Such a request is
 * never logged in, even when the visitor has a session, and base_path is "/pub/<id>".
 *
 * A name is 1..100 bytes of [a-z0-9-], not starting or ending with '-'. `request` must
 * be a request of a logged-in user with a school. [any-thread]
 */
#define CARTABLE_EXT_PUBLIC_1 "cartable.public/1"

typedef struct cartable_public_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    /* Claims `name` for the request's school. Returns CARTABLE_OK when it is now (or was
       already) this school's, CARTABLE_E_CONFLICT when another school of the platform holds
       it, CARTABLE_E_INVALID (with the reason in `error`) for a malformed name. */
    int32_t (*claim_name)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t name,
                          const cartable_sink_t *error);

    /* Releases `name` if the request's school holds it (CARTABLE_OK either way): its
       /pub/ address answers 404 from then on. */
    int32_t (*release_name)(const cartable_host_t *host, const cartable_request_t *request, cartable_str_t name,
                            const cartable_sink_t *error);
} cartable_public_v1_t;

/* =======================================================================================
 * Plugin extension "cartable.demo/1": sample content for the demo portal (ABI 1.3)
 * =======================================================================================
 *
 * Offered BY a plugin that has something to show in a demo. When the portal runs with
 * demo data (`cartable serve --demo`), the host calls `seed` once per school that enabled
 * the plugin, the first time it does, with a request it made for the occasion: method
 * "SEED", path "/", the school as scope and one of its teachers as user (with that
 * teacher's classes and actions), so the plugin creates its content as that teacher
 * would, through the store, access and events extensions. `options` is "{}" today.
 * Returns CARTABLE_OK, or a negative code with a message in `error`. [any-thread]
 */
#define CARTABLE_EXT_DEMO_1 "cartable.demo/1"

typedef struct cartable_demo_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    int32_t (*seed)(const cartable_plugin_t *plugin, const cartable_request_t *request, cartable_str_t options,
                    const cartable_sink_t *error);
} cartable_demo_v1_t;

/* =======================================================================================
 * Plugin extension "cartable.widgets/1": cards on the portal's home page (ABI 1.4)
 * =======================================================================================
 *
 * Offered BY a plugin that has something to show on the home page (the latest posts of the
 * caller's blogs, the notes shared with them, tomorrow's homework). When a logged-in user of
 * a school that enables the plugin opens the home page, the host calls `cards` with a
 * request it made for the occasion: method "WIDGETS", path "/", the caller's own context
 * (school, classes, actions, locale and, for a parent, the child in view: show that child's
 * things, not the other children's). `options` is a JSON object, {"max_cards": 2} today.
 *
 * The plugin writes one JSON object into `out`:
 *     {"cards": [{"title": "Derniers billets", "html": "<ul>...</ul>", "order": 10,
 *                 "link": "/apps/blogs/", "link_label": "Tous mes blogs"}]}
 *   "title"      text, 1..120 bytes (the host escapes it); required;
 *   "html"       the card's body, an HTML fragment of at most 16 KiB, trusted as a page
 *                fragment is: escape what people typed (PluginKit's components do);
 *   "order"      optional integer, lower first (default 100); ties go by app name;
 *   "link"       optional local path into this plugin ("/apps/<id>/..."): "see all";
 *   "link_label" optional text of that link (default: the app's name).
 * The host shows at most `max_cards` of them; {"cards": []} shows none (nothing to say).
 *
 * The home page never waits long: past the host's deadline (a few hundred milliseconds)
 * the plugin's card reads "unavailable" and the answer, when it comes, is dropped. The
 * request and `out` stay valid until `cards` returns, even after the page has gone out.
 * Returns CARTABLE_OK; or a negative code with the reason in `out` (the host logs it and
 * the card reads "unavailable"). [any-thread]
 */
#define CARTABLE_EXT_WIDGETS_1 "cartable.widgets/1"

typedef struct cartable_widgets_v1 {
    uint32_t struct_size;
    uint32_t reserved;

    int32_t (*cards)(const cartable_plugin_t *plugin, const cartable_request_t *request, cartable_str_t options,
                     const cartable_sink_t *out);
} cartable_widgets_v1_t;

#ifdef __cplusplus
}
#endif

#endif /* CARTABLE_PLUGIN_H */
