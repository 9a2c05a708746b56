/* cartable_plugin.h: the stable C ABI between the Cartable host and its plugins (ABI 1.0). */
#ifndef CARTABLE_PLUGIN_H
#define CARTABLE_PLUGIN_H

/*
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
#define CARTABLE_ABI_VERSION_MINOR 0

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
    cartable_str_t settings;   /* this plugin's settings for the caller's scope, JSON object */
    cartable_str_t base_path;  /* where the plugin is mounted: "/apps/notes" */
    /* The caller's anti-CSRF token. Every state-changing request (POST, PUT, PATCH, DELETE)
       must carry it, as the form field "_csrf" or the header "X-CSRF-Token", or the host
       refuses it with 403 before the plugin runs: put it in every form the plugin renders. */
    cartable_str_t csrf_token;
} cartable_request_context_t;

/*
 * One HTTP request for the plugin. The host has already checked the route, the size
 * limit and (later ABI minors) the caller's rights. Everything is borrowed and valid until
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

#ifdef __cplusplus
}
#endif

#endif /* CARTABLE_PLUGIN_H */
