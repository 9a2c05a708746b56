// PersonalDataProvider: what a Swift plugin implements to offer `cartable.personal-data/1`.
import CartableWire
import Foundation

/// A plugin that keeps anything about people conforms, and the host then includes its
/// data in a user's export (`GET /profile/export`) and erases it when a school admin
/// anonymizes a departed user.
///
/// Both are called once per school the user belonged to, with a request whose
/// ``PluginRequest/store`` sees that school's documents.
///
/// ```swift
/// extension Notes: PersonalDataProvider {
///     func exportPersonalData(of userID: String, request: PluginRequest) throws -> any Encodable {
///         try mine(userID, request).map(\.document)
///     }
///     func erasePersonalData(of userID: String, request: PluginRequest) throws {
///         try request.store.batch(mine(userID, request).map { .delete("notes", $0.id) })
///     }
/// }
/// ```
public protocol PersonalDataProvider {
    /// Everything the plugin keeps about `userID` in the request's school, as one JSON value.
    func exportPersonalData(of userID: String, request: PluginRequest) throws -> any Encodable

    /// Deletes private data and strips the person from shared content. Must be idempotent.
    func erasePersonalData(of userID: String, request: PluginRequest) throws
}

/// The C table PluginKit hands the host for plugins that conform.
enum PersonalDataExport {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_personal_data_v1_t> = {
        let table = UnsafeMutablePointer<cartable_personal_data_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_personal_data_v1_t(
                struct_size: UInt32(MemoryLayout<cartable_personal_data_v1_t>.size), reserved: 0,
                export_user: personalExport, erase_user: personalErase))
        return table
    }()
}

private let personalExport:
    @convention(c) (
        UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { plugin, request, userID, out in
        guard let instance = AnyPluginInstance.from(plugin), let request, let out else { return CARTABLE_E_INVALID }
        return instance.personalData(request, userID: userID.string, out: out, erase: false)
    }

private let personalErase:
    @convention(c) (
        UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { plugin, request, userID, error in
        guard let instance = AnyPluginInstance.from(plugin), let request, let error else { return CARTABLE_E_INVALID }
        return instance.personalData(request, userID: userID.string, out: error, erase: true)
    }
