// PluginExchange: host state of one plugin call, behind both the C request and the response sink.
import CartableWire
import HostStorage
import PluginAPI

/// One in-flight call: the scope the store must use and the reply being written.
///
/// Lives on the stack of the thread running `handle` and is reached from C through
/// `request.host_data` and `response.host_data`. The header makes every response function
/// [request]: only that thread touches it, so it needs no lock.
struct PluginExchange {
    /// The caller's school id, `""` for the platform: every host extension is scoped to it.
    let scope: String
    /// The caller's user id, `""` when anonymous.
    let callerID: String
    /// For a parent, the child in view (`""` otherwise): shares reach them through that child's classes.
    var callerChildID = ""
    /// `/apps/<id>`: where the plugin's links must stay (breadcrumbs).
    var basePath = ""
    /// The actions the caller holds in ``scope``.
    var callerActions: [String] = []
    let maxResponseBytes: Int
    var reply = PluginReply()

    /// Whom the access extension resolves shares for.
    var viewer: ShareViewer { ShareViewer(userID: callerID, childInView: callerChildID) }

    /// The exchange of a request of the call running on this thread; nil for a request kept
    /// past its call or used from another thread (``LiveExchange``).
    static func from(_ request: UnsafePointer<cartable_request_t>) -> UnsafeMutablePointer<PluginExchange>? {
        guard let live = LiveExchange.current, request.pointee.struct_size >= UInt32(MemoryLayout<cartable_request_t>.size),
            let data = request.pointee.host_data, data == live
        else { return nil }
        return data.assumingMemoryBound(to: PluginExchange.self)
    }

    static func from(_ response: UnsafePointer<cartable_response_t>?) -> UnsafeMutablePointer<PluginExchange>? {
        guard let live = LiveExchange.current, let response, let data = response.pointee.host_data, data == live else { return nil }
        return data.assumingMemoryBound(to: PluginExchange.self)
    }

    /// Headers a plugin may not set: the host owns the connection and the cookies.
    static let reservedHeaders: Set<String> = [
        "connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection",
        "proxy-authenticate", "proxy-authorization", "content-length", "set-cookie",
    ]

    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }
}

/// The response functions, shared by every call; each finds its exchange through host_data.
enum ResponseSink {
    static func make(_ exchange: UnsafeMutablePointer<PluginExchange>) -> cartable_response_t {
        cartable_response_t(
            struct_size: UInt32(MemoryLayout<cartable_response_t>.size), reserved: 0,
            host_data: UnsafeMutableRawPointer(exchange),
            set_status: setStatus, add_header: addHeader, write: write, set_kind: setKind, set_title: setTitle, set_error: setError,
            add_breadcrumb: addBreadcrumb)
    }
}

private let setStatus: @convention(c) (UnsafePointer<cartable_response_t>?, Int32) -> Int32 = { response, status in
    guard let exchange = PluginExchange.from(response), (100...599).contains(status) else { return CARTABLE_E_INVALID }
    exchange.pointee.reply.status = Int(status)
    return CARTABLE_OK
}

private let addHeader: @convention(c) (UnsafePointer<cartable_response_t>?, cartable_str_t, cartable_str_t) -> Int32 = {
    response, name, value in
    guard let exchange = PluginExchange.from(response) else { return CARTABLE_E_INVALID }
    let headerName = name.string.lowercased()
    let headerValue = value.string
    guard PluginExchange.isToken(headerName), !headerValue.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
        return CARTABLE_E_INVALID
    }
    guard !PluginExchange.reservedHeaders.contains(headerName) else { return CARTABLE_E_DENIED }
    exchange.pointee.reply.headers.append((headerName, headerValue))
    return CARTABLE_OK
}

private let write: @convention(c) (UnsafePointer<cartable_response_t>?, UnsafePointer<UInt8>?, UInt64) -> Int32 = {
    response, bytes, length in
    guard let exchange = PluginExchange.from(response) else { return CARTABLE_E_INVALID }
    guard length > 0 else { return CARTABLE_OK }
    guard let bytes else { return CARTABLE_E_INVALID }
    guard length <= UInt64(exchange.pointee.maxResponseBytes - exchange.pointee.reply.body.count) else { return CARTABLE_E_TOO_LARGE }
    exchange.pointee.reply.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
    return CARTABLE_OK
}

private let setKind: @convention(c) (UnsafePointer<cartable_response_t>?, Int32) -> Int32 = { response, kind in
    guard let exchange = PluginExchange.from(response) else { return CARTABLE_E_INVALID }
    switch kind {
    case CARTABLE_BODY_RAW: exchange.pointee.reply.kind = .raw
    case CARTABLE_BODY_FRAGMENT: exchange.pointee.reply.kind = .fragment
    default: return CARTABLE_E_INVALID
    }
    return CARTABLE_OK
}

private let setTitle: @convention(c) (UnsafePointer<cartable_response_t>?, cartable_str_t) -> Int32 = { response, title in
    guard let exchange = PluginExchange.from(response) else { return CARTABLE_E_INVALID }
    exchange.pointee.reply.title = title.string
    return CARTABLE_OK
}

private let addBreadcrumb: @convention(c) (UnsafePointer<cartable_response_t>?, cartable_str_t, cartable_str_t) -> Int32 = {
    response, label, path in
    guard let exchange = PluginExchange.from(response), exchange.pointee.reply.breadcrumbs.count < 8 else { return CARTABLE_E_INVALID }
    let target = path.string
    guard target.hasPrefix(exchange.pointee.basePath + "/") || target == exchange.pointee.basePath, !target.contains("//"),
        !target.utf8.contains(where: { $0 < 0x20 }), !label.string.isEmpty
    else { return CARTABLE_E_INVALID }
    exchange.pointee.reply.breadcrumbs.append((label.string, target))
    return CARTABLE_OK
}

private let setError: @convention(c) (UnsafePointer<cartable_response_t>?, cartable_str_t) -> Void = { response, message in
    PluginExchange.from(response)?.pointee.reply.errorMessage = message.string
}
