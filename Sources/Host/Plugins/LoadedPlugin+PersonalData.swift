// LoadedPlugin+PersonalData: calls a plugin's `cartable.personal-data/1` to export or erase a user's data.
import Foundation
import PluginAPI

extension LoadedPlugin {
    /// What a personal-data call gave back.
    package enum PersonalDataOutcome: Sendable, Equatable {
        /// The plugin does not offer `cartable.personal-data/1`.
        case unsupported
        /// Export: the plugin's JSON value (checked to parse). Erase: empty.
        case done(String)
        /// The plugin failed, with its message.
        case failed(String)
    }

    /// A table the plugin offers under `id`, if its `struct_size` (every table's first field)
    /// covers this host's definition of it.
    func offeredExtension<Table>(_ id: String, as _: Table.Type) -> UnsafePointer<Table>? {
        guard let raw = descriptor.pointee.get_extension?(descriptor, id), raw.load(as: UInt32.self) >= UInt32(MemoryLayout<Table>.size) else {
            return nil
        }
        return raw.assumingMemoryBound(to: Table.self)
    }

    private var personalDataTable: UnsafePointer<cartable_personal_data_v1_t>? {
        offeredExtension(CARTABLE_EXT_PERSONAL_DATA_1, as: cartable_personal_data_v1_t.self)
    }

    package var offersPersonalData: Bool { personalDataTable != nil }

    /// Exports (or erases) what the plugin keeps about `userID` in the school of `caller`.
    /// Blocks on the plugin: never call it on an event loop.
    package func personalData(of userID: String, caller: PluginCaller, erase: Bool) -> PersonalDataOutcome {
        guard let table = personalDataTable, let function = erase ? table.pointee.erase_user : table.pointee.export_user else {
            return .unsupported
        }
        let call = PluginCall(
            method: erase ? "ERASE" : "EXPORT", path: "/", requestID: UUID().uuidString.lowercased(), basePath: "/apps/\(id)", caller: caller)
        var exchange = PluginExchange(scope: call.scope, callerID: caller.userID, callerActions: caller.actions, maxResponseBytes: maxResponseBytes)
        let output = MessageCollector(limit: 256 << 20, refusesOverflow: true)
        let code: Int32 = withUnsafeMutablePointer(to: &exchange) { exchangePointer in
            withCRequest(call, exchange: exchangePointer) { request in
                var sink = output.sink
                return userID.withCString { text in
                    let subject = cartable_str_t(data: text, len: UInt64(strlen(text)))
                    return withUnsafePointer(to: &sink) { function(descriptor, request, subject, $0) }
                }
            }
        }
        let text = String(decoding: output.bytes, as: UTF8.self)
        guard code == CARTABLE_OK else { return .failed(text.isEmpty ? "the plugin failed with code \(code)" : text) }
        if erase { return .done("") }
        guard (try? JSONSerialization.jsonObject(with: Data(output.bytes), options: .fragmentsAllowed)) != nil else {
            return .failed("the plugin's export is not valid JSON")
        }
        return .done(text)
    }
}
