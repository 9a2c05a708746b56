// LoadedPlugin: one plugin version in this process, callable through its C descriptor.
import Foundation
import PluginAPI

/// A plugin that passed every check and whose `init` succeeded.
///
/// `@unchecked Sendable`: every stored property is immutable after loading, and the
/// header makes `handle` [any-thread], so concurrent calls are part of the contract.
package final class LoadedPlugin: @unchecked Sendable {
    package let bundle: PluginBundle
    /// Whether the library reported a Swift toolchain (it links the Swift runtime).
    package let isSwift: Bool
    /// The plugin's settings for the platform scope, a JSON object.
    package let settingsJSON: String
    package let maxResponseBytes: Int
    /// The manifest's routes, checked before each call.
    package let routes: RouteTable
    let descriptor: UnsafePointer<cartable_plugin_t>
    let hostTable: UnsafeMutablePointer<cartable_host_t>
    let context: PluginHostContext

    init(
        bundle: PluginBundle, isSwift: Bool, settingsJSON: String, maxResponseBytes: Int,
        descriptor: UnsafePointer<cartable_plugin_t>, hostTable: UnsafeMutablePointer<cartable_host_t>, context: PluginHostContext
    ) {
        self.bundle = bundle
        self.isSwift = isSwift
        self.settingsJSON = settingsJSON
        self.maxResponseBytes = maxResponseBytes
        self.routes = RouteTable(bundle.manifest.routes)
        self.descriptor = descriptor
        self.hostTable = hostTable
        self.context = context
    }

    /// The plugin's C descriptor, for tools that call `handle` without the host's bridge
    /// (the benchmark's baseline). Valid as long as the process.
    package var rawDescriptor: UnsafePointer<cartable_plugin_t> { descriptor }

    package var id: String { bundle.manifest.id }
    package var version: String { bundle.manifest.version }
    package var manifest: PluginManifest { bundle.manifest }

    /// Calls the plugin's `handle` synchronously. It may block: never call it on an event loop.
    package func handle(_ call: PluginCall) -> PluginReply {
        let exchange = PluginExchange(scope: call.scope, maxResponseBytes: maxResponseBytes)
        let code: Int32 = withCRequest(call, exchange: exchange) { request in
            var response = ResponseSink.make(exchange)
            guard let handle = descriptor.pointee.handle else { return CARTABLE_E_UNSUPPORTED }
            return withUnsafePointer(to: &response) { handle(descriptor, request, $0) }
        }
        var reply = exchange.reply
        if code < 0 {
            reply.code = code
            reply.status = Self.httpStatus(for: code)
            reply.errorMessage = reply.errorMessage ?? "the plugin failed with code \(code)"
        }
        return reply
    }

    /// Calls `shutdown` once; the library stays mapped.
    func shutdown() {
        descriptor.pointee.shutdown?(descriptor)
    }

    package static func httpStatus(for code: Int32) -> Int {
        switch code {
        case CARTABLE_E_INVALID: 400
        case CARTABLE_E_DENIED: 403
        case CARTABLE_E_NOT_FOUND: 404
        case CARTABLE_E_CONFLICT: 409
        case CARTABLE_E_TOO_LARGE: 413
        case CARTABLE_E_UNSUPPORTED: 501
        default: 500
        }
    }

    /// Lays every string of the call out in one buffer and builds the borrowed C request over it.
    private func withCRequest<T>(_ call: PluginCall, exchange: PluginExchange, _ body: (UnsafePointer<cartable_request_t>) -> T) -> T {
        var arena: [UInt8] = []
        arena.reserveCapacity(256)
        var spans: [(offset: Int, count: Int)] = []
        func add(_ text: String) {
            spans.append((arena.count, text.utf8.count))
            arena.append(contentsOf: text.utf8)
        }
        add(call.method)
        add(call.path)
        add(call.query)
        add(call.requestID)
        add(call.locale)
        add(settingsJSON)
        add(call.basePath)
        for header in call.headers {
            add(header.name)
            add(header.value)
        }
        return arena.withUnsafeBufferPointer { arenaBytes in
            let base = arenaBytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            func str(_ index: Int) -> cartable_str_t {
                let span = spans[index]
                return cartable_str_t(data: base.map { $0 + span.offset }, len: UInt64(span.count))
            }
            var headers: [cartable_header_t] = []
            headers.reserveCapacity(call.headers.count)
            for index in call.headers.indices {
                headers.append(cartable_header_t(name: str(7 + 2 * index), value: str(8 + 2 * index)))
            }
            var context = cartable_request_context_t(
                struct_size: UInt32(MemoryLayout<cartable_request_context_t>.size), reserved: 0,
                request_id: str(3), locale: str(4), settings: str(5), base_path: str(6))
            return headers.withUnsafeBufferPointer { headerBuffer in
                call.body.withUnsafeBufferPointer { bodyBuffer in
                    withUnsafePointer(to: &context) { contextPointer in
                        var request = cartable_request_t(
                            struct_size: UInt32(MemoryLayout<cartable_request_t>.size),
                            header_count: UInt32(headerBuffer.count),
                            method: str(0), path: str(1), query: str(2),
                            headers: headerBuffer.baseAddress,
                            body: bodyBuffer.baseAddress, body_len: UInt64(bodyBuffer.count),
                            context: contextPointer,
                            host_data: Unmanaged.passUnretained(exchange).toOpaque())
                        return withUnsafePointer(to: &request) { body($0) }
                    }
                }
            }
        }
    }
}
