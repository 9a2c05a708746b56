/* frozen.c: one C plugin built against each frozen ABI header (Tests/Fixtures/abi-1.N), to prove an older plugin still loads and answers. */
#include <stdio.h>
#include <string.h>

#include "cartable_plugin.h"

#define STR(text) ((cartable_str_t){(text), sizeof(text) - 1})

typedef struct {
    char data[1024];
    size_t len;
} buffer_t;

static const cartable_host_t *host;
static const cartable_store_v1_t *store;
#if CARTABLE_ABI_VERSION_MINOR >= 3
static const cartable_access_v1_t *access_ext;
#endif

static int32_t buffer_write(void *ctx, const uint8_t *bytes, uint64_t len) {
    buffer_t *buffer = ctx;
    if (buffer->len + len >= sizeof buffer->data) return CARTABLE_E_TOO_LARGE;
    memcpy(buffer->data + buffer->len, bytes, (size_t)len);
    buffer->len += (size_t)len;
    return CARTABLE_OK;
}

static int is(cartable_str_t text, const char *literal) {
    return text.len == strlen(literal) && memcmp(text.data, literal, (size_t)text.len) == 0;
}

static int32_t reply(const cartable_response_t *response, const char *text, size_t len) {
    response->add_header(response, STR("content-type"), STR("application/json"));
    return response->write(response, (const uint8_t *)text, len);
}

static int32_t frozen_init(const cartable_plugin_t *plugin, const cartable_sink_t *error) {
    (void)plugin;
    store = host->get_extension(host, CARTABLE_EXT_STORE_1);
#if CARTABLE_ABI_VERSION_MINOR >= 3
    access_ext = host->get_extension(host, CARTABLE_EXT_ACCESS_1);
#endif
    if (!store) {
        error->write(error->ctx, (const uint8_t *)"no store", 8);
        return CARTABLE_E_UNSUPPORTED;
    }
    return CARTABLE_OK;
}

static void frozen_shutdown(const cartable_plugin_t *plugin) { (void)plugin; }

static int32_t frozen_handle(const cartable_plugin_t *plugin, const cartable_request_t *request, const cartable_response_t *response) {
    char text[1200];
    int n;
    (void)plugin;
    if (is(request->path, "/version")) {
        n = snprintf(text, sizeof text, "{\"built_for\":\"%d.%d\",\"host\":\"%u.%u\"}", CARTABLE_ABI_VERSION_MAJOR, CARTABLE_ABI_VERSION_MINOR,
                     (unsigned)host->abi_major, (unsigned)host->abi_minor);
        return reply(response, text, (size_t)n);
    }
    if (is(request->path, "/store")) {
        /* 1.0: write a document in the caller's scope and read it back. */
        buffer_t out = {{0}, 0};
        cartable_sink_t sink = {&out, buffer_write};
        int64_t version = 0;
        int32_t rc = store->put(host, request, STR("items"), STR("kept"), STR("{\"rank\":7}"), CARTABLE_VERSION_ANY, &version, &sink);
        if (rc != CARTABLE_OK) return rc;
        rc = store->get(host, request, STR("items"), STR("kept"), &version, &sink);
        if (rc != CARTABLE_OK) return rc;
        n = snprintf(text, sizeof text, "{\"version\":%lld,\"document\":%.*s}", (long long)version, (int)out.len, out.data);
        return reply(response, text, (size_t)n);
    }
#if CARTABLE_ABI_VERSION_MINOR >= 1
    if (is(request->path, "/caller")) {
        /* 1.1: the caller in the request context. */
        const cartable_request_context_t *c = request->context;
        if (!CARTABLE_HAS_FIELD(cartable_request_context_t, c->struct_size, school_uai)) return CARTABLE_E_UNSUPPORTED;
        n = snprintf(text, sizeof text, "{\"name\":\"%.*s\",\"school\":\"%.*s\"}", (int)c->user_display_name.len, c->user_display_name.data,
                     (int)c->school_uai.len, c->school_uai.data);
        return reply(response, text, (size_t)n);
    }
#endif
#if CARTABLE_ABI_VERSION_MINOR >= 2
    if (is(request->path, "/page")) {
        /* 1.2: a fragment with a breadcrumb. */
        response->set_kind(response, CARTABLE_BODY_FRAGMENT);
        response->set_title(response, STR("Gel"));
        response->add_breadcrumb(response, STR("Chapitre"), request->context->base_path);
        return response->write(response, (const uint8_t *)"<p>frozen</p>", 13);
    }
#endif
#if CARTABLE_ABI_VERSION_MINOR >= 3
    if (is(request->path, "/right")) {
        /* 1.3: the caller's right on a resource nobody shared (0). */
        int32_t right = access_ext ? access_ext->right_of(host, request, STR("nothing")) : -99;
        n = snprintf(text, sizeof text, "{\"right\":%d}", (int)right);
        return reply(response, text, (size_t)n);
    }
#endif
#if CARTABLE_ABI_VERSION_MINOR >= 5
    if (is(request->path, "/settle")) {
        /* 1.5: settling a key never emitted is no error. */
        const cartable_events_v2_t *events = host->get_extension(host, CARTABLE_EXT_EVENTS_2);
        buffer_t out = {{0}, 0};
        cartable_sink_t sink = {&out, buffer_write};
        int32_t rc = events ? events->settle(host, request, STR("never-emitted"), &sink) : -99;
        n = snprintf(text, sizeof text, "{\"settled\":%d}", (int)rc);
        return reply(response, text, (size_t)n);
    }
#endif
    response->set_error(response, STR("no such route"));
    return CARTABLE_E_NOT_FOUND;
}

#if CARTABLE_ABI_VERSION_MINOR >= 4
/* 1.4: one home card, in the caller's language, linking to the plugin's page. */
static int32_t frozen_cards(const cartable_plugin_t *plugin, const cartable_request_t *request, cartable_str_t options,
                            const cartable_sink_t *out) {
    (void)plugin;
    (void)options;
    char text[512];
    const cartable_str_t locale = request->context->locale;
    int n = snprintf(text, sizeof text,
                     "{\"cards\":[{\"title\":\"Carte %s (%.*s)\",\"html\":\"<p>frozen card</p>\",\"link\":\"/apps/%s/page\",\"order\":1}]}",
                     FROZEN_ID, (int)locale.len, locale.data, FROZEN_ID);
    return out->write(out->ctx, (const uint8_t *)text, (uint64_t)n);
}

static const cartable_widgets_v1_t widgets = {sizeof(cartable_widgets_v1_t), 0, frozen_cards};
#endif

static const void *frozen_extension(const cartable_plugin_t *plugin, const char *id) {
    (void)plugin;
#if CARTABLE_ABI_VERSION_MINOR >= 4
    if (strcmp(id, CARTABLE_EXT_WIDGETS_1) == 0) return &widgets;
#endif
    (void)id;
    return NULL;
}

static const cartable_plugin_magic_t magic = {sizeof(cartable_plugin_magic_t), CARTABLE_MAGIC_NUMBER, CARTABLE_ABI_VERSION_MAJOR,
                                              CARTABLE_ABI_VERSION_MINOR, NULL};

static const cartable_plugin_t descriptor = {sizeof(cartable_plugin_t), 0, FROZEN_ID, "Frozen ABI plugin", "1.0.0", NULL,
                                             frozen_init, frozen_shutdown, frozen_handle, frozen_extension};

CARTABLE_EXPORT const cartable_plugin_magic_t *cartable_plugin_magic(void) { return &magic; }

CARTABLE_EXPORT const cartable_plugin_t *cartable_plugin_entry(const cartable_host_t *h) {
    host = h;
    return &descriptor;
}
