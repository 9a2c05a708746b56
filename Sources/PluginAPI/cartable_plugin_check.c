/* cartable_plugin_check.c: compiles the ABI header and pins the layout of its structs. */
#include "cartable_plugin.h"

/* The layouts below are part of ABI 1: a change here is a break, not a fix. */
#if defined(__LP64__) || defined(_WIN64)
_Static_assert(sizeof(cartable_str_t) == 16, "cartable_str_t layout");
_Static_assert(sizeof(cartable_plugin_magic_t) == 24, "cartable_plugin_magic_t layout");
_Static_assert(offsetof(cartable_host_t, log) == 56, "cartable_host_t layout");
_Static_assert(offsetof(cartable_request_t, context) == 80, "cartable_request_t layout");
_Static_assert(offsetof(cartable_plugin_t, init) == 40, "cartable_plugin_t layout");
_Static_assert(offsetof(cartable_store_v1_t, put) == 8, "cartable_store_v1_t layout");
/* 1.0 ended the request context after csrf_token (88 bytes); 1.1 appended the identity. */
_Static_assert(offsetof(cartable_request_context_t, user_id) == 88, "cartable_request_context_t 1.0 prefix");
_Static_assert(offsetof(cartable_request_context_t, class_ids) == 168, "cartable_request_context_t 1.1 layout");
_Static_assert(offsetof(cartable_request_context_t, actions) == 200, "cartable_request_context_t 1.1 layout");
_Static_assert(sizeof(cartable_request_context_t) == 216, "cartable_request_context_t 1.1 size");
_Static_assert(offsetof(cartable_directory_v1_t, user) == 8, "cartable_directory_v1_t layout");
_Static_assert(offsetof(cartable_personal_data_v1_t, export_user) == 8, "cartable_personal_data_v1_t layout");
_Static_assert(offsetof(cartable_access_v1_t, shared_with_me) == 48, "cartable_access_v1_t layout");
_Static_assert(offsetof(cartable_response_t, set_error) == 56, "cartable_response_t 1.1 prefix");
_Static_assert(offsetof(cartable_response_t, add_breadcrumb) == 64, "cartable_response_t 1.2 layout");
_Static_assert(offsetof(cartable_events_v1_t, emit) == 8, "cartable_events_v1_t layout");
_Static_assert(offsetof(cartable_event_listener_v1_t, on_event) == 8, "cartable_event_listener_v1_t layout");
_Static_assert(offsetof(cartable_access_v1_t, right_of) == 56, "cartable_access_v1_t 1.3 layout");
_Static_assert(offsetof(cartable_directory_v1_t, groups) == 40, "cartable_directory_v1_t 1.3 layout");
_Static_assert(offsetof(cartable_public_v1_t, release_name) == 16, "cartable_public_v1_t layout");
_Static_assert(offsetof(cartable_demo_v1_t, seed) == 8, "cartable_demo_v1_t layout");
_Static_assert(offsetof(cartable_widgets_v1_t, cards) == 8, "cartable_widgets_v1_t layout");
_Static_assert(offsetof(cartable_events_v2_t, settle) == 16, "cartable_events_v2_t layout");
#endif
