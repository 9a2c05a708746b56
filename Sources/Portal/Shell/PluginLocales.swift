// PluginLocales: each plugin's strings from its bundle's locales/fr.json and locales/en.json, read once at start.
import CartableText
import Foundation
import HostLocales
import PluginRuntime

/// The host uses a plugin's strings for what it shows on the plugin's behalf: timeline
/// entries (`event.<type>`). Missing files or keys fall back to French, then to nothing.
package struct PluginLocales: Sendable {
    private let tables: [String: [String: [String: String]]]
    /// The plugins with `event.<type>` strings in some language, found once.
    private let eventNamers: Set<String>

    /// Strings given directly: plugin id → language → key → text.
    init(tables: [String: [String: [String: String]]]) {
        self.tables = tables
        eventNamers = Set(tables.filter { $0.value.values.contains { $0.keys.contains { $0.hasPrefix("event.") } } }.keys)
    }

    package init(plugins: [LoadedPlugin]) {
        var tables: [String: [String: [String: String]]] = [:]
        for plugin in plugins {
            for language in Localizer.supported {
                let url = plugin.bundle.localesURL.appendingPathComponent("\(language).json")
                guard let data = try? Data(contentsOf: url), let table = try? JSONDecoder().decode([String: String].self, from: data) else {
                    continue
                }
                tables[plugin.id, default: [:]][language] = table
            }
        }
        self.init(tables: tables)
    }

    /// The plugin's string for `key` in `language` (French when missing there).
    package func text(_ pluginID: String, _ key: String, _ language: String) -> String? {
        tables[pluginID]?[language]?[key] ?? tables[pluginID]?[Localizer.fallback]?[key]
    }

    /// The name of the right `action` (`blogs.create` → "Créer un blog"): the string `right.<action>`
    /// of the plugin whose id prefixes it, else the action's id.
    package func actionName(_ action: String, _ language: String) -> String {
        let plugin = String(action.prefix { $0 != "." })
        return text(plugin, "right.\(action)", language) ?? action
    }

    /// Whether the plugin names timeline entries (`event.<type>` strings): the apps the timeline can be filtered by.
    package func namesEvents(_ pluginID: String) -> Bool {
        eventNamers.contains(pluginID)
    }

    /// Fills `{name}` placeholders of `template` from `values`; unknown names stay as written.
    package static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
