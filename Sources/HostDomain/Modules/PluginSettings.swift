// PluginSettings: admin-set plugin settings stored by the host, merged over manifest defaults.
import CartableText
import Foundation
import HostStorage

/// Settings an admin set for a plugin in a scope, kept in `plugin_settings`.
package enum PluginSettings {
    package static func stored(plugin: String, scope: String, storage: any PluginSettingsStorage) throws -> String? {
        do {
            return try storage.settings(plugin: plugin, scope: scope)
        } catch {
            throw LoadFailure("cannot read the settings of \(plugin): \(error)")
        }
    }

    /// Top-level keys of `overrides` replace those of `defaults`; both are JSON objects.
    package static func merge(defaults: String, overrides: String) -> String {
        guard case .object(var merged)? = try? JSONValue.parse(Data(defaults.utf8)),
            case .object(let changes)? = try? JSONValue.parse(Data(overrides.utf8))
        else { return defaults }
        merged.merge(changes) { _, new in new }
        return JSONValue.object(merged).jsonText()
    }
}
