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
        let output = MessageCollector(limit: 256 << 20, refusesOverflow: true)
        let code = callOffered(function, method: erase ? "ERASE" : "EXPORT", caller: caller, text: userID, output: output)
        let text = String(decoding: output.bytes, as: UTF8.self)
        guard code == CARTABLE_OK else { return .failed(text.isEmpty ? "the plugin failed with code \(code)" : text) }
        if erase { return .done("") }
        guard (try? JSONSerialization.jsonObject(with: Data(output.bytes), options: .fragmentsAllowed)) != nil else {
            return .failed("the plugin's export is not valid JSON")
        }
        return .done(text)
    }
}
