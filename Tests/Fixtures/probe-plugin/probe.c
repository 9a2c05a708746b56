/* probe.c: a C test plugin whose identity and flaws are chosen with -D flags; it exposes the store over HTTP. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cartable_plugin.h"

#ifndef PROBE_ID
#define PROBE_ID "probe"
#endif
#ifndef PROBE_VERSION
#define PROBE_VERSION "1.0.0"
#endif
#ifndef PROBE_DESCRIPTOR_ID
#define PROBE_DESCRIPTOR_ID PROBE_ID
#endif
#ifndef PROBE_MAGIC_NUMBER
#define PROBE_MAGIC_NUMBER CARTABLE_MAGIC_NUMBER
#endif
#ifndef PROBE_ABI_MAJOR
#define PROBE_ABI_MAJOR CARTABLE_ABI_VERSION_MAJOR
#endif
#ifndef PROBE_ABI_MINOR
#define PROBE_ABI_MINOR CARTABLE_ABI_VERSION_MINOR
#endif
#ifndef PROBE_TOOLCHAIN
#define PROBE_TOOLCHAIN NULL
#endif

typedef struct probe {
    cartable_plugin_t descriptor;
    const cartable_host_t *host;
    const cartable_store_v1_t *store;
    const cartable_directory_v1_t *directory;
    const cartable_access_v1_t *access;
    const cartable_events_v1_t *events;
    long calls; /* approximate under concurrency; tests read it when idle */
} probe_t;

static cartable_str_t str_n(const char *data, size_t len) {
    cartable_str_t s;
    s.data = data;
    s.len = (uint64_t)len;
    return s;
}

static cartable_str_t str(const char *text) { return str_n(text, strlen(text)); }

static int str_is(cartable_str_t s, const char *text) {
    size_t n = strlen(text);
    return s.len == n && (n == 0 || memcmp(s.data, text, n) == 0);
}

typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer_t;

static int32_t buffer_write(void *ctx, const uint8_t *bytes, uint64_t len) {
    buffer_t *b = (buffer_t *)ctx;
    if (b->len + len + 1 > b->cap) {
        size_t cap = (b->len + (size_t)len + 1) * 2;
        char *grown = (char *)realloc(b->data, cap);
        if (!grown) return CARTABLE_E_INTERNAL;
        b->data = grown;
        b->cap = cap;
    }
    if (len) memcpy(b->data + b->len, bytes, (size_t)len);
    b->len += (size_t)len;
    b->data[b->len] = '\0';
    return CARTABLE_OK;
}

/* Copies query parameter `name` into out (no percent-decoding: tests send plain values). */
static int query_param(cartable_str_t query, const char *name, char *out, size_t cap) {
    size_t n = strlen(name), i = 0;
    while (i < query.len) {
        size_t end = i;
        while (end < query.len && query.data[end] != '&') end++;
        if (end - i > n && memcmp(query.data + i, name, n) == 0 && query.data[i + n] == '=') {
            size_t len = end - i - n - 1;
            if (len >= cap) len = cap - 1;
            memcpy(out, query.data + i + n + 1, len);
            out[len] = '\0';
            return 1;
        }
        i = end + 1;
    }
    out[0] = '\0';
    return 0;
}

static int32_t json_reply(const cartable_response_t *response, const char *body, size_t len) {
    response->add_header(response, str("content-type"), str("application/json"));
    return response->write(response, (const uint8_t *)body, (uint64_t)len);
}

/* A store error: pass the host's code and message on to the caller. */
static int32_t store_failed(const cartable_response_t *response, int32_t rc, buffer_t *out) {
    response->set_error(response, str_n(out->data ? out->data : "", out->len));
    free(out->data);
    return rc;
}

/* A request kept past its call: a thread uses it once the call has returned, and records what the host answered. */
static const cartable_request_t *kept_request;
static probe_t *kept_self;
static volatile long late_rc = 1;

static void *use_kept_request(void *unused) {
    (void)unused;
    struct timespec pause = {0, 200 * 1000 * 1000};
    nanosleep(&pause, NULL);
    int64_t version = 0;
    buffer_t out = {NULL, 0, 0};
    cartable_sink_t sink;
    sink.ctx = &out;
    sink.write = buffer_write;
    late_rc = kept_self->store->get(kept_self->host, kept_request, str("items"), str("late"), &version, &sink);
    free(out.data);
    return NULL;
}

static int32_t handle_store(probe_t *self, const cartable_request_t *request, const cartable_response_t *response) {
    char collection[80], id[256], expected_text[32];
    buffer_t out = {NULL, 0, 0};
    cartable_sink_t sink;
    int64_t version = 0;
    int64_t expected;
    int32_t rc;
    cartable_str_t body = str_n((const char *)request->body, (size_t)request->body_len);
    const cartable_request_t *scope = request;
    sink.ctx = &out;
    sink.write = buffer_write;
    query_param(request->query, "collection", collection, sizeof collection);
    query_param(request->query, "id", id, sizeof id);
    expected = query_param(request->query, "expected", expected_text, sizeof expected_text) ? atoll(expected_text) : CARTABLE_VERSION_ANY;
    if (query_param(request->query, "platform", expected_text, sizeof expected_text)) scope = NULL;

    if (str_is(request->path, "/store/put")) {
        char reply[64];
        rc = self->store->put(self->host, scope, str(collection), str(id), body, expected, &version, &sink);
        if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
        free(out.data);
        snprintf(reply, sizeof reply, "{\"version\":%lld}", (long long)version);
        return json_reply(response, reply, strlen(reply));
    }
    if (str_is(request->path, "/store/get")) {
        char head[64];
        rc = self->store->get(self->host, scope, str(collection), str(id), &version, &sink);
        if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
        snprintf(head, sizeof head, "{\"version\":%lld,\"document\":", (long long)version);
        response->add_header(response, str("content-type"), str("application/json"));
        response->write(response, (const uint8_t *)head, strlen(head));
        response->write(response, (const uint8_t *)out.data, out.len);
        response->write(response, (const uint8_t *)"}", 1);
        free(out.data);
        return CARTABLE_OK;
    }
    if (str_is(request->path, "/store/delete")) {
        rc = self->store->remove(self->host, scope, str(collection), str(id), expected, &sink);
        if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
        free(out.data);
        return json_reply(response, "{}", 2);
    }
    if (str_is(request->path, "/store/query")) {
        rc = self->store->query(self->host, scope, str(collection), body, &sink);
    } else if (str_is(request->path, "/store/batch")) {
        rc = self->store->batch(self->host, scope, body, &sink);
    } else {
        response->set_error(response, str("no such store route"));
        return CARTABLE_E_NOT_FOUND;
    }
    if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
    rc = json_reply(response, out.data ? out.data : "", out.len);
    free(out.data);
    return rc;
}

/* GET /identity: the ABI 1.1 identity fields of the context, as JSON (plain values only). */
static int32_t handle_identity(const cartable_request_t *request, const cartable_response_t *response) {
    const cartable_request_context_t *c = request->context;
    buffer_t out = {NULL, 0, 0};
    char head[1024];
    int32_t rc;
    if (!CARTABLE_HAS_FIELD(cartable_request_context_t, c->struct_size, action_count)) return json_reply(response, "{\"abi\":\"1.0\"}", 14);
    snprintf(head, sizeof head,
             "{\"user\":\"%.*s\",\"name\":\"%.*s\",\"profile\":\"%.*s\",\"school\":\"%.*s\",\"uai\":\"%.*s\",\"child\":\"%.*s\",\"classes\":[",
             (int)c->user_id.len, c->user_id.data, (int)c->user_display_name.len, c->user_display_name.data,
             (int)c->user_profile.len, c->user_profile.data, (int)c->school_id.len, c->school_id.data,
             (int)c->school_uai.len, c->school_uai.data, (int)c->child_id.len, c->child_id.data);
    buffer_write(&out, (const uint8_t *)head, strlen(head));
    for (uint32_t i = 0; i < c->class_count; i++) {
        if (i) buffer_write(&out, (const uint8_t *)",", 1);
        buffer_write(&out, (const uint8_t *)"\"", 1);
        buffer_write(&out, (const uint8_t *)c->class_ids[i].data, c->class_ids[i].len);
        buffer_write(&out, (const uint8_t *)"\"", 1);
    }
    buffer_write(&out, (const uint8_t *)"],\"actions\":[", 13);
    for (uint32_t i = 0; i < c->action_count; i++) {
        if (i) buffer_write(&out, (const uint8_t *)",", 1);
        buffer_write(&out, (const uint8_t *)"\"", 1);
        buffer_write(&out, (const uint8_t *)c->actions[i].data, c->actions[i].len);
        buffer_write(&out, (const uint8_t *)"\"", 1);
    }
    buffer_write(&out, (const uint8_t *)"]}", 2);
    rc = json_reply(response, out.data, out.len);
    free(out.data);
    return rc;
}

/* GET /dir/<look-up>?id=...: one cartable.directory/1 call, its JSON or its error passed on. */
static int32_t handle_directory(probe_t *self, const cartable_request_t *request, const cartable_response_t *response) {
    char id[256], outside[8];
    buffer_t out = {NULL, 0, 0};
    cartable_sink_t sink;
    int32_t rc;
    int32_t (*look)(const cartable_host_t *, const cartable_request_t *, cartable_str_t, const cartable_sink_t *) = NULL;
    if (!self->directory) {
        response->set_error(response, str("no directory extension"));
        return CARTABLE_E_UNSUPPORTED;
    }
    sink.ctx = &out;
    sink.write = buffer_write;
    query_param(request->query, "id", id, sizeof id);
    if (str_is(request->path, "/dir/user")) look = self->directory->user;
    else if (str_is(request->path, "/dir/members")) look = self->directory->class_members;
    else if (str_is(request->path, "/dir/children")) look = self->directory->children_of;
    else if (str_is(request->path, "/dir/classes")) look = self->directory->classes_of;
    if (!look) {
        response->set_error(response, str("no such directory route"));
        return CARTABLE_E_NOT_FOUND;
    }
    rc = look(self->host, query_param(request->query, "outside", outside, sizeof outside) ? NULL : request, str(id), &sink);
    if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
    rc = json_reply(response, out.data ? out.data : "", out.len);
    free(out.data);
    return rc;
}

/* GET /access/<op>?resource=&kind=&id=&right=&action=: one cartable.access/1 call, its answer as JSON. */
static int32_t handle_access(probe_t *self, const cartable_request_t *request, const cartable_response_t *response) {
    char resource[256], kind[16], id[256], right_text[8], action[128], reply[64];
    buffer_t out = {NULL, 0, 0};
    cartable_sink_t sink;
    int32_t rc, right;
    sink.ctx = &out;
    sink.write = buffer_write;
    query_param(request->query, "resource", resource, sizeof resource);
    query_param(request->query, "kind", kind, sizeof kind);
    query_param(request->query, "id", id, sizeof id);
    query_param(request->query, "action", action, sizeof action);
    right = query_param(request->query, "right", right_text, sizeof right_text) ? atoi(right_text) : CARTABLE_RIGHT_READ;
    if (str_is(request->path, "/access/granted") || str_is(request->path, "/access/check")) {
        rc = str_is(request->path, "/access/granted") ? self->access->is_granted(self->host, request, str(action))
                                                      : self->access->check(self->host, request, str(resource), right);
        if (rc < 0) return store_failed(response, rc, &out);
        int n = snprintf(reply, sizeof reply, "{\"answer\":%d}", (int)rc);
        return json_reply(response, reply, (size_t)n);
    }
    if (str_is(request->path, "/access/get")) rc = self->access->get_shares(self->host, request, str(resource), &sink);
    else if (str_is(request->path, "/access/mine")) rc = self->access->shared_with_me(self->host, request, right, &sink);
    else if (str_is(request->path, "/access/set")) rc = self->access->set_share(self->host, request, str(resource), str(kind), str(id), right, &sink);
    else if (str_is(request->path, "/access/revoke")) rc = self->access->revoke_share(self->host, request, str(resource), str(kind), str(id), &sink);
    else {
        response->set_error(response, str("no such access route"));
        return CARTABLE_E_NOT_FOUND;
    }
    if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
    rc = out.len ? json_reply(response, out.data, out.len) : json_reply(response, "{}", 2);
    free(out.data);
    return rc;
}

/* cartable.personal-data/1: exports {"probe": <user>, "school": <school>}; erasing fails when
   built with PROBE_ERASE_FAILS, and otherwise counts the calls. */
static long probe_erasures = 0;

static int32_t probe_export_user(const cartable_plugin_t *plugin, const cartable_request_t *request,
                                 cartable_str_t user_id, const cartable_sink_t *out) {
    char text[512];
    const cartable_request_context_t *c = request->context;
    (void)plugin;
    int n = snprintf(text, sizeof text, "{\"probe\":\"%.*s\",\"school\":\"%.*s\",\"method\":\"%.*s\"}", (int)user_id.len, user_id.data,
                     (int)c->school_uai.len, c->school_uai.data, (int)request->method.len, request->method.data);
    return out->write(out->ctx, (const uint8_t *)text, (uint64_t)n);
}

static int32_t probe_erase_user(const cartable_plugin_t *plugin, const cartable_request_t *request,
                                cartable_str_t user_id, const cartable_sink_t *error) {
    (void)plugin;
    (void)request;
    (void)user_id;
#ifdef PROBE_ERASE_FAILS
    error->write(error->ctx, (const uint8_t *)"the probe cannot erase today", 28);
    return CARTABLE_E_INTERNAL;
#else
    (void)error;
    probe_erasures++;
    return CARTABLE_OK;
#endif
}

static const cartable_personal_data_v1_t probe_personal_data = {sizeof(cartable_personal_data_v1_t), 0, probe_export_user,
                                                                 probe_erase_user};

static int32_t probe_init(const cartable_plugin_t *plugin, const cartable_sink_t *error) {
    probe_t *self = (probe_t *)plugin->plugin_data;
#ifdef PROBE_INIT_FAILS
    const char *message = "the probe was built to fail its init";
    error->write(error->ctx, (const uint8_t *)message, strlen(message));
    return CARTABLE_E_INTERNAL;
#else
    (void)error;
    self->store = (const cartable_store_v1_t *)self->host->get_extension(self->host, CARTABLE_EXT_STORE_1);
    self->directory = (const cartable_directory_v1_t *)self->host->get_extension(self->host, CARTABLE_EXT_DIRECTORY_1);
    self->access = (const cartable_access_v1_t *)self->host->get_extension(self->host, CARTABLE_EXT_ACCESS_1);
    self->events = (const cartable_events_v1_t *)self->host->get_extension(self->host, CARTABLE_EXT_EVENTS_1);
    return self->store ? CARTABLE_OK : CARTABLE_E_UNSUPPORTED;
#endif
}


/* POST /events/emit: the body is an event for cartable.events/1; the reply is {"id": "..."} or the host's refusal. */
static int32_t handle_emit(probe_t *self, const cartable_request_t *request, const cartable_response_t *response) {
    buffer_t out = {NULL, 0, 0};
    cartable_sink_t sink;
    char reply[128];
    int32_t rc;
    int n;
    if (!self->events) {
        response->set_error(response, str("no events extension"));
        return CARTABLE_E_UNSUPPORTED;
    }
    sink.ctx = &out;
    sink.write = buffer_write;
    rc = self->events->emit(self->host, request, str_n((const char *)request->body, (size_t)request->body_len), &sink);
    if (rc != CARTABLE_OK) return store_failed(response, rc, &out);
    n = snprintf(reply, sizeof reply, "{\"id\":\"%.*s\"}", (int)out.len, out.data ? out.data : "");
    free(out.data);
    return json_reply(response, reply, (size_t)n);
}

/* The events this probe received (listener builds), as the text of their JSON, one per line. */
static char probe_received[16384];
static size_t probe_received_len;

#ifdef PROBE_LISTENER
#include <unistd.h>
/* cartable.event-listener/1: keeps each event; fails while the file PROBE_LISTENER_FAIL_FILE exists. */
static int32_t probe_on_event(const cartable_plugin_t *plugin, const cartable_request_t *request, cartable_str_t event,
                              const cartable_sink_t *error) {
    (void)plugin;
    (void)request;
#ifdef PROBE_LISTENER_FAIL_FILE
    if (access(PROBE_LISTENER_FAIL_FILE, F_OK) == 0) {
        const char *message = "the probe is told to fail on events";
        error->write(error->ctx, (const uint8_t *)message, strlen(message));
        return CARTABLE_E_INTERNAL;
    }
#else
    (void)error;
#endif
    if (probe_received_len + event.len + 2 < sizeof probe_received) {
        memcpy(probe_received + probe_received_len, event.data, (size_t)event.len);
        probe_received_len += (size_t)event.len;
        probe_received[probe_received_len++] = '\n';
    }
    return CARTABLE_OK;
}

static const cartable_event_listener_v1_t probe_listener = {sizeof(cartable_event_listener_v1_t), 0, probe_on_event};
#endif

static void probe_shutdown(const cartable_plugin_t *plugin) { (void)plugin; }

static int32_t probe_handle(const cartable_plugin_t *plugin, const cartable_request_t *request,
                            const cartable_response_t *response) {
    probe_t *self = (probe_t *)plugin->plugin_data;
    self->calls++;
    if (request->path.len >= 7 && memcmp(request->path.data, "/store/", 7) == 0) return handle_store(self, request, response);
    if (str_is(request->path, "/identity")) return handle_identity(request, response);
    if (str_is(request->path, "/events/emit")) return handle_emit(self, request, response);
    if (str_is(request->path, "/events/received")) {
        response->add_header(response, str("content-type"), str("text/plain"));
        return response->write(response, (const uint8_t *)probe_received, probe_received_len);
    }
    if (str_is(request->path, "/erasures")) {
        char reply[64];
        int n = snprintf(reply, sizeof reply, "{\"erasures\":%ld}", probe_erasures);
        return json_reply(response, reply, (size_t)n);
    }
    if (request->path.len >= 5 && memcmp(request->path.data, "/dir/", 5) == 0) return handle_directory(self, request, response);
    if (request->path.len >= 8 && memcmp(request->path.data, "/access/", 8) == 0) return handle_access(self, request, response);
    if (str_is(request->path, "/whoami")) {
        char reply[512];
        const cartable_request_context_t *c = request->context;
        int n = snprintf(reply, sizeof reply,
                         "{\"id\":\"%s\",\"version\":\"%s\",\"calls\":%ld,\"method\":\"%.*s\",\"query\":\"%.*s\","
                         "\"locale\":\"%.*s\",\"base\":\"%.*s\",\"body_len\":%llu,\"settings\":%.*s}",
                         PROBE_ID, PROBE_VERSION, self->calls, (int)request->method.len, request->method.data,
                         (int)request->query.len, request->query.data, (int)c->locale.len, c->locale.data,
                         (int)c->base_path.len, c->base_path.data, (unsigned long long)request->body_len,
                         (int)c->settings.len, c->settings.data);
        return json_reply(response, reply, (size_t)n);
    }
    if (str_is(request->path, "/crumbs")) {
        const char *html = "<p>deep</p>";
        char path[200];
        int n = snprintf(path, sizeof path, "%.*s/chapters/1", (int)request->context->base_path.len, request->context->base_path.data);
        int32_t outside = response->add_breadcrumb(response, str("Elsewhere"), str("/profile"));
        response->set_kind(response, CARTABLE_BODY_FRAGMENT);
        response->set_title(response, str("Section 1.2"));
        response->add_breadcrumb(response, str("Chapter <1>"), str_n(path, (size_t)n));
        response->add_header(response, str("x-outside-crumb"), outside == CARTABLE_E_INVALID ? str("refused") : str("accepted"));
        return response->write(response, (const uint8_t *)html, strlen(html));
    }
    if (str_is(request->path, "/fragment")) {
        const char *html = "<p class=\"probe\">fragment &amp; text</p>";
        response->set_kind(response, CARTABLE_BODY_FRAGMENT);
        response->set_title(response, str("Probe <title>"));
        return response->write(response, (const uint8_t *)html, strlen(html));
    }
    if (str_is(request->path, "/header")) {
        int32_t cookie = response->add_header(response, str("set-cookie"), str("a=b"));
        char reply[64];
        int n = snprintf(reply, sizeof reply, "{\"set_cookie\":%d}", (int)cookie);
        response->set_status(response, 201);
        response->add_header(response, str("x-probe"), str("yes"));
        return json_reply(response, reply, (size_t)n);
    }
    if (str_is(request->path, "/late/start")) {
        pthread_t thread;
        kept_request = request;
        kept_self = self;
        late_rc = 1;
        if (pthread_create(&thread, NULL, use_kept_request, NULL) != 0) return CARTABLE_E_INTERNAL;
        pthread_detach(thread);
        return json_reply(response, "{}", 2);
    }
    if (str_is(request->path, "/late/result")) {
        char reply[64];
        int n = snprintf(reply, sizeof reply, "{\"rc\":%ld}", late_rc);
        return json_reply(response, reply, (size_t)n);
    }
    if (str_is(request->path, "/headers/reserved")) {
        /* Tries every header the host reserves, and values carrying CR, LF or NUL: one return code each, in order. */
        static const char *names[] = {"connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection",
                                      "proxy-authenticate", "proxy-authorization", "content-length", "set-cookie", "Set-Cookie"};
        char reply[512];
        size_t n = (size_t)snprintf(reply, sizeof reply, "{\"names\":[");
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            int32_t rc = response->add_header(response, str(names[i]), str("x"));
            n += (size_t)snprintf(reply + n, sizeof reply - n, "%s%d", i ? "," : "", (int)rc);
        }
        cartable_str_t cr = str_n("a\rb", 3), lf = str_n("a\nb", 3), nul = str_n("a\0b", 3);
        int32_t rc_cr = response->add_header(response, str("x-cr"), cr);
        int32_t rc_lf = response->add_header(response, str("x-lf"), lf);
        int32_t rc_nul = response->add_header(response, str("x-nul"), nul);
        int32_t rc_name = response->add_header(response, str("x bad"), str("v"));
        response->add_header(response, str("content-security-policy"), str("script-src *"));
        n += (size_t)snprintf(reply + n, sizeof reply - n, "],\"values\":[%d,%d,%d],\"name\":%d}", (int)rc_cr, (int)rc_lf, (int)rc_nul, (int)rc_name);
        return json_reply(response, reply, n);
    }
    if (str_is(request->path, "/headers/request")) {
        /* The names of the request headers the plugin was given, comma-separated. */
        char reply[2048];
        size_t n = 0;
        for (uint32_t i = 0; i < request->header_count && n < sizeof reply - 80; i++) {
            n += (size_t)snprintf(reply + n, sizeof reply - n, "%s%.*s", i ? "," : "", (int)request->headers[i].name.len, request->headers[i].name.data);
        }
        response->add_header(response, str("content-type"), str("text/plain"));
        return response->write(response, (const uint8_t *)reply, n);
    }
    if (str_is(request->path, "/fail")) {
        response->set_error(response, str("the probe refuses this on purpose"));
        return CARTABLE_E_DENIED;
    }
    response->set_error(response, str("probe has no such route"));
    return CARTABLE_E_NOT_FOUND;
}

#ifdef PROBE_WIDGETS
#include <unistd.h>
/* cartable.widgets/1: one card naming the child in view; PROBE_WIDGET_WAIT_FILE makes it wait while
   that file exists (30 s at most), PROBE_WIDGET_FAILS makes it fail, PROBE_WIDGET_BAD_LINK makes its
   link point at another app. */
static int32_t probe_cards(const cartable_plugin_t *plugin, const cartable_request_t *request, cartable_str_t options,
                           const cartable_sink_t *out) {
    (void)plugin;
    (void)options;
#ifdef PROBE_WIDGET_WAIT_FILE
    struct timespec pause = {0, 20 * 1000000L};
    for (int waited = 0; waited < 1500 && access(PROBE_WIDGET_WAIT_FILE, F_OK) == 0; waited++) nanosleep(&pause, NULL);
#endif
#ifdef PROBE_WIDGET_FAILS
    (void)request;
    const char *message = "the probe is told to fail on cards";
    out->write(out->ctx, (const uint8_t *)message, strlen(message));
    return CARTABLE_E_INTERNAL;
#else
#ifdef PROBE_WIDGET_BAD_LINK
    const char *app = "someone-else";
#else
    const char *app = PROBE_ID;
#endif
    const cartable_str_t child = request->context->child_id;
    char text[512];
    int n = snprintf(text, sizeof text,
                     "{\"cards\":[{\"title\":\"<b>Probe</b> child=%.*s\",\"html\":\"<p>probe card</p>\",\"link\":\"/apps/%s/\",\"order\":5}]}",
                     (int)child.len, child.data, app);
    return out->write(out->ctx, (const uint8_t *)text, (uint64_t)n);
#endif
}

static const cartable_widgets_v1_t probe_widgets = {sizeof(cartable_widgets_v1_t), 0, probe_cards};
#endif

static const void *probe_get_extension(const cartable_plugin_t *plugin, const char *id) {
    (void)plugin;
#ifdef PROBE_WIDGETS
    if (strcmp(id, CARTABLE_EXT_WIDGETS_1) == 0) return &probe_widgets;
#endif
#ifdef PROBE_LISTENER
    if (strcmp(id, CARTABLE_EXT_EVENT_LISTENER_1) == 0) return &probe_listener;
#endif
#ifdef PROBE_PERSONAL_DATA
    if (strcmp(id, CARTABLE_EXT_PERSONAL_DATA_1) == 0) return &probe_personal_data;
#else
    (void)probe_personal_data;
#endif
    (void)id;
    return NULL;
}

#ifndef PROBE_NO_MAGIC
static const cartable_plugin_magic_t magic = {sizeof(cartable_plugin_magic_t), PROBE_MAGIC_NUMBER, PROBE_ABI_MAJOR,
                                              PROBE_ABI_MINOR, PROBE_TOOLCHAIN};

CARTABLE_EXPORT const cartable_plugin_magic_t *cartable_plugin_magic(void) { return &magic; }
#endif

#ifndef PROBE_NO_ENTRY
CARTABLE_EXPORT const cartable_plugin_t *cartable_plugin_entry(const cartable_host_t *host) {
    probe_t *self = (probe_t *)calloc(1, sizeof *self);
    if (!self) return NULL;
    self->host = host;
    self->descriptor.struct_size = sizeof(cartable_plugin_t);
    self->descriptor.id = PROBE_DESCRIPTOR_ID;
    self->descriptor.name = "Probe";
    self->descriptor.version = PROBE_VERSION;
    self->descriptor.plugin_data = self;
    self->descriptor.init = probe_init;
    self->descriptor.shutdown = probe_shutdown;
    self->descriptor.handle = probe_handle;
    self->descriptor.get_extension = probe_get_extension;
    return &self->descriptor;
}
#endif
