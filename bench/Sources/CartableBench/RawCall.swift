// RawCall: a plugin's `handle` called with a C request built once and a bare response sink.
import Foundation
import PluginAPI
import PluginRuntime

/// The least a caller can do to run a plugin handler: no per-call allocation on the host side.
final class RawCall {
    let descriptor: UnsafePointer<cartable_plugin_t>
    let request: UnsafeMutablePointer<cartable_request_t>
    let response: UnsafeMutablePointer<cartable_response_t>
    let sink = RawSink()

    init(plugin: LoadedPlugin, body: [UInt8]) {
        descriptor = plugin.rawDescriptor
        func str(_ text: String) -> cartable_str_t {
            let copy = strdup(text)
            return cartable_str_t(data: copy.map { UnsafePointer($0) }, len: UInt64(text.utf8.count))
        }
        let bodyCopy = UnsafeMutablePointer<UInt8>.allocate(capacity: body.count)
        bodyCopy.initialize(from: body, count: body.count)
        let context = UnsafeMutablePointer<cartable_request_context_t>.allocate(capacity: 1)
        context.initialize(
            to: cartable_request_context_t(
                struct_size: UInt32(MemoryLayout<cartable_request_context_t>.size), reserved: 0,
                request_id: str("bench"), locale: str("fr"), settings: str("{}"), base_path: str("/apps/\(plugin.id)"), csrf_token: str(""),
                user_id: str(""), user_display_name: str(""), user_profile: str(""), school_id: str(""), school_uai: str(""),
                class_ids: nil, class_count: 0, reserved_1_1: 0, child_id: str(""),
                actions: nil, action_count: 0, reserved_1_1b: 0))
        request = .allocate(capacity: 1)
        request.initialize(
            to: cartable_request_t(
                struct_size: UInt32(MemoryLayout<cartable_request_t>.size), header_count: 0,
                method: str("POST"), path: str("/api/echo"), query: str(""), headers: nil,
                body: UnsafePointer(bodyCopy), body_len: UInt64(body.count), context: UnsafePointer(context), host_data: nil))
        response = .allocate(capacity: 1)
        response.initialize(
            to: cartable_response_t(
                struct_size: UInt32(MemoryLayout<cartable_response_t>.size), reserved: 0,
                host_data: Unmanaged.passUnretained(sink).toOpaque(),
                set_status: { _, _ in CARTABLE_OK },
                add_header: { _, _, _ in CARTABLE_OK },
                write: { response, bytes, length in
                    guard let data = response?.pointee.host_data, let bytes else { return CARTABLE_E_INVALID }
                    Unmanaged<RawSink>.fromOpaque(data).takeUnretainedValue().bytes.append(
                        contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
                    return CARTABLE_OK
                },
                set_kind: { _, _ in CARTABLE_OK },
                set_title: { _, _ in CARTABLE_OK },
                set_error: { _, _ in },
                add_breadcrumb: { _, _, _ in CARTABLE_OK }))
    }

    func call() {
        sink.bytes.removeAll(keepingCapacity: true)
        _ = descriptor.pointee.handle?(descriptor, request, response)
    }
}

final class RawSink {
    var bytes: [UInt8] = []
}
