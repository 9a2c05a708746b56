// LoadedPlugin+Offered: finds the extension tables a plugin offers the host, and calls their (plugin, request, text, sink) functions.
import Foundation
import PluginAPI

extension LoadedPlugin {
    /// The shape shared by the functions plugins offer: `export_user`, `erase_user`, `on_event`, `seed`, `cards`.
    typealias OfferedFunction =
        @convention(c) (
            UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
        ) -> Int32

    /// A table the plugin offers under `id`, if its `struct_size` (every table's first field)
    /// covers this host's definition of it.
    func offeredExtension<Table>(_ id: String, as _: Table.Type) -> UnsafePointer<Table>? {
        guard let raw = descriptor.pointee.get_extension?(descriptor, id), raw.load(as: UInt32.self) >= UInt32(MemoryLayout<Table>.size)
        else {
            return nil
        }
        return raw.assumingMemoryBound(to: Table.self)
    }

    /// Calls `function` with a request the host makes for the occasion (`method`, path `/`,
    /// scoped to `caller`'s school), `text` as its string argument and `output` as its sink.
    /// Blocks on the plugin: never call it on an event loop.
    func callOffered(
        _ function: OfferedFunction, method: String, caller: PluginCaller, locale: String = "fr", text: String, output: MessageCollector
    ) -> Int32 {
        let call = PluginCall(
            method: method, path: "/", requestID: UUID().uuidString.lowercased(), locale: locale, basePath: "/apps/\(id)", caller: caller)
        var exchange = PluginExchange(
            scope: call.scope, callerID: caller.userID, callerChildID: caller.childID, callerActions: caller.actions,
            maxResponseBytes: maxResponseBytes)
        return withUnsafeMutablePointer(to: &exchange) { exchangePointer in
            withCRequest(call, exchange: exchangePointer) { request in
                var sink = output.sink
                return text.withCString { bytes in
                    let argument = cartable_str_t(data: bytes, len: UInt64(strlen(bytes)))
                    return withUnsafePointer(to: &sink) { function(descriptor, request, argument, $0) }
                }
            }
        }
    }
}
