/* hello.c: a Cartable plugin in plain C99 that uses only cartable_plugin.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cartable_plugin.h"

#define PLUGIN_ID "hello-c"
#define PLUGIN_VERSION "0.1.0"

static const cartable_plugin_magic_t magic = {
    sizeof(cartable_plugin_magic_t), CARTABLE_MAGIC_NUMBER, CARTABLE_ABI_VERSION_MAJOR,
    CARTABLE_ABI_VERSION_MINOR, NULL /* no Swift runtime */
};

/* One instance per cartable_plugin_entry call; the host never unloads the library. */
typedef struct hello {
    cartable_plugin_t descriptor;
    const cartable_host_t *host;
    const cartable_store_v1_t *store;
} hello_t;

static cartable_str_t str(const char *text) {
    cartable_str_t s;
    s.data = text;
    s.len = (uint64_t)strlen(text);
    return s;
}

static int str_is(cartable_str_t s, const char *text) {
    size_t n = strlen(text);
    return s.len == n && (n == 0 || memcmp(s.data, text, n) == 0);
}

/* A growable buffer, used as a cartable_sink_t for what the store returns. */
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
    memcpy(b->data + b->len, bytes, (size_t)len);
    b->len += (size_t)len;
    b->data[b->len] = '\0';
    return CARTABLE_OK;
}

static int32_t fail(const cartable_response_t *response, int32_t code, const char *message) {
    response->set_error(response, str(message));
    return code;
}

static int32_t reply(const cartable_response_t *response, const char *type, const char *body) {
    response->add_header(response, str("content-type"), str(type));
    return response->write(response, (const uint8_t *)body, (uint64_t)strlen(body));
}

/* Copies `text` into `out` (NUL-terminated, cut to fit) with HTML's special characters escaped. */
static void escape_html(char *out, size_t size, cartable_str_t text) {
    size_t used = 0;
    for (uint64_t i = 0; i < text.len; i++) {
        const char *piece;
        char single[2] = {text.data[i], 0};
        switch (text.data[i]) {
        case '&': piece = "&amp;"; break;
        case '<': piece = "&lt;"; break;
        case '>': piece = "&gt;"; break;
        case '"': piece = "&quot;"; break;
        case '\'': piece = "&#39;"; break;
        default: piece = single;
        }
        size_t length = strlen(piece);
        if (used + length + 1 > size) break;
        memcpy(out + used, piece, length);
        used += length;
    }
    out[used] = 0;
}

/* GET /: counts visits in the store, retrying when another request wrote first. */
static int32_t page(hello_t *self, const cartable_request_t *request, const cartable_response_t *response) {
    long visits = 0;
    int attempt;
    for (attempt = 0; attempt < 5; attempt++) {
        buffer_t doc = {NULL, 0, 0};
        cartable_sink_t sink;
        int64_t version = 0, written = 0;
        char json[64];
        int32_t rc;
        sink.ctx = &doc;
        sink.write = buffer_write;
        rc = self->store->get(self->host, request, str("counters"), str("visits"), &version, &sink);
        if (rc == CARTABLE_OK) {
            const char *n = strstr(doc.data, "\"count\":");
            visits = n ? strtol(n + 8, NULL, 10) : 0;
        } else if (rc == CARTABLE_E_NOT_FOUND) {
            visits = 0;
            version = CARTABLE_VERSION_NEW;
        } else {
            free(doc.data);
            return fail(response, rc, "cannot read the visit counter");
        }
        free(doc.data);
        visits += 1;
        snprintf(json, sizeof json, "{\"count\":%ld}", visits);
        rc = self->store->put(self->host, request, str("counters"), str("visits"), str(json), version, &written, NULL);
        if (rc == CARTABLE_OK) break;
        if (rc != CARTABLE_E_CONFLICT) return fail(response, rc, "cannot save the visit counter");
    }
    {
        const cartable_request_context_t *context = request->context;
        int english = context && str_is(context->locale, "en");
        /* ABI 1.1 added the caller's identity at the end of the context: check it is there. */
        cartable_str_t name = {NULL, 0};
        if (context && CARTABLE_HAS_FIELD(cartable_request_context_t, context->struct_size, user_display_name))
            name = context->user_display_name;
        char who[512];
        escape_html(who, sizeof who, name);
        char html[1024];
        if (name.len > 0)
            snprintf(html, sizeof html,
                     english ? "<p>Hello %s, from a plugin written in C.</p><p>This page was shown %ld times in your school.</p>"
                             : "<p>Bonjour %s, depuis un module écrit en C.</p><p>Cette page a été affichée %ld fois dans votre établissement.</p>",
                     who, visits);
        else
            snprintf(html, sizeof html,
                     english ? "<p>Hello from a plugin written in C.</p><p>This page was shown %ld times.</p>"
                             : "<p>Bonjour depuis un module écrit en C.</p><p>Cette page a été affichée %ld fois.</p>",
                     visits);
        response->set_kind(response, CARTABLE_BODY_FRAGMENT);
        response->set_title(response, str(english ? "Hello from C" : "Bonjour en C"));
        return reply(response, "text/html; charset=utf-8", html);
    }
}

/* POST /api/echo: {"message": "..."} -> {"echo": "...", "plugin": "hello-c"}. */
static int32_t echo(const cartable_request_t *request, const cartable_response_t *response) {
    const char *body = (const char *)request->body;
    const char *end = body + request->body_len;
    static const char head[] = "{\"echo\":\"";
    static const char tail[] = "\",\"plugin\":\"" PLUGIN_ID "\"}";
    const char *key = NULL, *p, *start;
    char *out;
    size_t len;
    int32_t rc;
    for (p = body; p && p + 9 <= end; p++) {
        if (memcmp(p, "\"message\"", 9) == 0) { key = p + 9; break; }
    }
    if (!key) return fail(response, CARTABLE_E_INVALID, "expected a JSON object with a \"message\" string");
    for (p = key; p < end && (*p == ' ' || *p == ':'); p++) {}
    if (p >= end || *p != '"') return fail(response, CARTABLE_E_INVALID, "\"message\" must be a string");
    start = ++p;
    for (; p < end && *p != '"'; p++) {
        if (*p == '\\') p++;
    }
    if (p >= end) return fail(response, CARTABLE_E_INVALID, "unterminated \"message\" string");
    len = (size_t)(p - start);
    out = (char *)malloc(len + sizeof head + sizeof tail);
    if (!out) return fail(response, CARTABLE_E_INTERNAL, "out of memory");
    memcpy(out, head, sizeof head - 1);
    memcpy(out + sizeof head - 1, start, len);
    memcpy(out + sizeof head - 1 + len, tail, sizeof tail - 1);
    response->add_header(response, str("content-type"), str("application/json"));
    rc = response->write(response, (const uint8_t *)out, (uint64_t)(sizeof head - 1 + len + sizeof tail - 1));
    free(out);
    return rc;
}

static int32_t hello_init(const cartable_plugin_t *plugin, const cartable_sink_t *error) {
    hello_t *self = (hello_t *)plugin->plugin_data;
    self->store = (const cartable_store_v1_t *)self->host->get_extension(self->host, CARTABLE_EXT_STORE_1);
    if (!self->store || self->store->struct_size < sizeof(cartable_store_v1_t)) {
        const char *message = "this host offers no cartable.store/1";
        error->write(error->ctx, (const uint8_t *)message, (uint64_t)strlen(message));
        return CARTABLE_E_UNSUPPORTED;
    }
    self->host->log(self->host, CARTABLE_LOG_INFO, str("hello-c ready"));
    return CARTABLE_OK;
}

static void hello_shutdown(const cartable_plugin_t *plugin) {
    (void)plugin; /* nothing to release: the instance lives as long as the process */
}

static int32_t hello_handle(const cartable_plugin_t *plugin, const cartable_request_t *request,
                            const cartable_response_t *response) {
    hello_t *self = (hello_t *)plugin->plugin_data;
    if (str_is(request->method, "GET") && str_is(request->path, "/")) return page(self, request, response);
    if (str_is(request->method, "POST") && str_is(request->path, "/api/echo")) return echo(request, response);
    return fail(response, CARTABLE_E_NOT_FOUND, "hello-c has no such route");
}

static const void *hello_get_extension(const cartable_plugin_t *plugin, const char *id) {
    (void)plugin;
    (void)id;
    return NULL;
}

CARTABLE_EXPORT const cartable_plugin_magic_t *cartable_plugin_magic(void) { return &magic; }

CARTABLE_EXPORT const cartable_plugin_t *cartable_plugin_entry(const cartable_host_t *host) {
    hello_t *self;
    if (!host || host->struct_size < sizeof(cartable_host_t)) return NULL;
    self = (hello_t *)calloc(1, sizeof *self);
    if (!self) return NULL;
    self->host = host;
    self->descriptor.struct_size = sizeof(cartable_plugin_t);
    self->descriptor.id = PLUGIN_ID;
    self->descriptor.name = "Hello C";
    self->descriptor.version = PLUGIN_VERSION;
    self->descriptor.plugin_data = self;
    self->descriptor.init = hello_init;
    self->descriptor.shutdown = hello_shutdown;
    self->descriptor.handle = hello_handle;
    self->descriptor.get_extension = hello_get_extension;
    return &self->descriptor;
}
