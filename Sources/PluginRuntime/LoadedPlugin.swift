// LoadedPlugin: one plugin version in this process, callable through its C descriptor.
import CartableWire
import Foundation
import HostDomain
import HostStorage
import PluginAPI

/// A plugin that passed every check and whose `init` succeeded.
///
/// `@unchecked Sendable`: every stored property is immutable after loading, and the
/// header makes `handle` [any-thread], so concurrent calls are part of the contract.
package final class LoadedPlugin: @unchecked Sendable {
    package let bundle: PluginBundle
    /// Whether the library reported a Swift toolchain (it links the Swift runtime).
    package let isSwift: Bool
    package let maxResponseBytes: Int
    /// The manifest's routes, checked before each call.
    package let routes: RouteTable
    /// The plugin's settings for the platform scope (a JSON object), as a C string that
    /// lives as long as the process.
    let settings: cartable_str_t
    /// The same settings as Swift text, the base of a school's authority overrides.
    package let settingsJSON: String
    let descriptor: UnsafePointer<cartable_plugin_t>
    let hostTable: UnsafeMutablePointer<cartable_host_t>
    let context: PluginHostContext

    init(
        bundle: PluginBundle, isSwift: Bool, settingsJSON: String, maxResponseBytes: Int,
        descriptor: UnsafePointer<cartable_plugin_t>, hostTable: UnsafeMutablePointer<cartable_host_t>, context: PluginHostContext
    ) {
        self.bundle = bundle
        self.isSwift = isSwift
        self.maxResponseBytes = maxResponseBytes
        self.routes = RouteTable(bundle.manifest.routes)
        self.settings = HostCStrings.make(settingsJSON)
        self.settingsJSON = settingsJSON
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
    /// Its host calls read from one snapshot on one connection (a request scope).
    package func handle(_ call: PluginCall) -> PluginReply {
        context.store.database.withRequestScope { handleUnscoped(call) }
    }

    private func handleUnscoped(_ call: PluginCall) -> PluginReply {
        var exchange = PluginExchange(
            scope: call.scope, callerID: call.caller?.userID ?? "", callerChildID: call.caller?.childID ?? "", basePath: call.basePath,
            callerActions: call.caller?.actions ?? [], maxResponseBytes: maxResponseBytes)
        let code: Int32 = withUnsafeMutablePointer(to: &exchange) { exchangePointer in
            withCRequest(call, exchange: exchangePointer) { request in
                var response = ResponseSink.make(exchangePointer)
                guard let handle = descriptor.pointee.handle else { return CARTABLE_E_UNSUPPORTED }
                return withUnsafePointer(to: &response) { handle(descriptor, request, $0) }
            }
        }
        var reply = exchange.reply
        if code < 0 {
            reply.code = code
            reply.status = ABIStatus.httpStatus(for: code)
            reply.errorMessage = reply.errorMessage ?? "the plugin failed with code \(code)"
        }
        return reply
    }

    /// Calls `shutdown` once; the library stays mapped.
    func shutdown() {
        descriptor.pointee.shutdown?(descriptor)
    }

    /// Lays every string of the call out in one temporary buffer and builds the borrowed C request over it.
    func withCRequest<T>(
        _ call: PluginCall, exchange: UnsafeMutablePointer<PluginExchange>, _ body: (UnsafePointer<cartable_request_t>) -> T
    ) -> T {
        let caller = call.caller
        let identity = [caller?.userID, caller?.displayName, caller?.profile, caller?.schoolID, caller?.schoolUAI, caller?.childID]
        var total =
            call.method.utf8.count + call.path.utf8.count + call.query.utf8.count
            + call.requestID.utf8.count + call.locale.utf8.count + call.basePath.utf8.count + call.csrfToken.utf8.count
            + (call.settings?.utf8.count ?? 0)
        for header in call.headers { total += header.name.utf8.count + header.value.utf8.count }
        for text in identity { total += text?.utf8.count ?? 0 }
        let classIDs = caller?.classIDs ?? [], actions = caller?.actions ?? []
        let lists = classIDs + actions
        for text in lists { total += text.utf8.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(total, 1)) { arena in
            var offset = 0
            func place(_ text: String) -> cartable_str_t {
                var text = text
                let start = arena.baseAddress.map { $0 + offset }
                let count = text.withUTF8 { source in
                    if let start, let base = source.baseAddress { start.update(from: base, count: source.count) }
                    return source.count
                }
                offset += count
                return cartable_str_t(data: start.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, len: UInt64(count))
            }
            // Class ids then actions, in one borrowed array.
            return withUnsafeTemporaryAllocation(of: cartable_str_t.self, capacity: max(lists.count, 1)) { strings in
                for (index, text) in lists.enumerated() { strings.initializeElement(at: index, to: place(text)) }
                let classes = strings.baseAddress, granted = strings.baseAddress.map { $0 + classIDs.count }
                var context = cartable_request_context_t(
                    struct_size: UInt32(MemoryLayout<cartable_request_context_t>.size), reserved: 0,
                    request_id: place(call.requestID), locale: place(call.locale), settings: call.settings.map(place) ?? settings,
                    base_path: place(call.basePath),
                    csrf_token: place(call.csrfToken),
                    user_id: place(caller?.userID ?? ""), user_display_name: place(caller?.displayName ?? ""),
                    user_profile: place(caller?.profile ?? ""), school_id: place(caller?.schoolID ?? ""),
                    school_uai: place(caller?.schoolUAI ?? ""),
                    class_ids: classIDs.isEmpty ? nil : UnsafePointer(classes), class_count: UInt32(classIDs.count),
                    reserved_1_1: 0, child_id: place(caller?.childID ?? ""),
                    actions: actions.isEmpty ? nil : UnsafePointer(granted), action_count: UInt32(actions.count), reserved_1_1b: 0)
                let method = place(call.method), path = place(call.path), query = place(call.query)
                return withUnsafeTemporaryAllocation(of: cartable_header_t.self, capacity: max(call.headers.count, 1)) { headers in
                    for (index, header) in call.headers.enumerated() {
                        headers.initializeElement(at: index, to: cartable_header_t(name: place(header.name), value: place(header.value)))
                    }
                    return call.body.withUnsafeBufferPointer { bodyBuffer in
                        withUnsafePointer(to: &context) { contextPointer in
                            var request = cartable_request_t(
                                struct_size: UInt32(MemoryLayout<cartable_request_t>.size),
                                header_count: UInt32(call.headers.count),
                                method: method, path: path, query: query,
                                headers: UnsafePointer(headers.baseAddress),
                                body: bodyBuffer.baseAddress, body_len: UInt64(bodyBuffer.count),
                                context: contextPointer,
                                host_data: UnsafeMutableRawPointer(exchange))
                            return withUnsafePointer(to: &request) { pointer in
                                LiveExchange.running(UnsafeMutableRawPointer(exchange)) { body(pointer) }
                            }
                        }
                    }
                }
            }
        }
    }
}
