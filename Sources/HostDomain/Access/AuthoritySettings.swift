// AuthoritySettings: the plugin settings an authority admin set for its schools, merged into each request's settings.
import CartableText
import Foundation
import HostStorage

/// Overrides of a plugin's settings per authority, kept in `plugin_settings` under the
/// scope `authority:<id>`. Only the keys the manifest lists in `settings.authority`, with
/// true/false values. Each process keeps what it read for two seconds; a change is
/// published (``ChangeSignal/settings(plugin:authority:)``), so every host forgets its copy at
/// once on PostgreSQL, and the two seconds bound what the command line changes.
package final class AuthoritySettings: @unchecked Sendable {
    let storage: any PluginSettingsStorage
    /// Guards `cache`; held only around dictionary accesses.
    private let lock = NSLock()
    private var cache: [String: (read: Date, values: [String: Bool])] = [:]
    static let freshness: TimeInterval = 2

    let signals: ChangeSignals

    package init(storage: any PluginSettingsStorage, signals: ChangeSignals = ChangeSignals()) {
        self.storage = storage
        self.signals = signals
        signals.subscribe { [weak self] signal in self?.apply(signal) }
    }

    package convenience init(database: HostDatabase) {
        self.init(storage: database.pluginSettings, signals: database.signals)
    }

    private func apply(_ signal: ChangeSignal) {
        switch signal {
        case .settings(let plugin, let authority): lock.withLock { cache["\(plugin)\n\(authority)"] = nil }
        case .everything: lock.withLock { cache.removeAll() }
        default: return
        }
    }

    static func scope(_ authorityID: String) -> String { "authority:\(authorityID)" }

    /// What the authority changed for `plugin` (keys absent keep the platform's value).
    package func overrides(plugin: String, authority: String) throws -> [String: Bool] {
        let key = "\(plugin)\n\(authority)"
        let now = Date()
        if let cached = lock.withLock({ cache[key] }), now.timeIntervalSince(cached.read) < Self.freshness { return cached.values }
        let text = try PluginSettings.stored(plugin: plugin, scope: Self.scope(authority), storage: storage)
        var values: [String: Bool] = [:]
        if let text, case .object(let object)? = try? JSONValue.parse(Data(text.utf8)) {
            for (name, value) in object { if case .bool(let flag) = value { values[name] = flag } }
        }
        lock.withLock { cache[key] = (now, values) }
        return values
    }

    /// Sets the authority's values for `plugin` (keys the manifest lets authorities set only), audited.
    package func set(_ values: [String: Bool], plugin: PluginManifest, authority: String, by actor: String?) throws {
        let settable = Set(plugin.settings?.authorityDefaults.map(\.key) ?? [])
        for key in values.keys where !settable.contains(key) {
            throw AccessRefusal("\(plugin.id) does not let authorities set '\(key)'")
        }
        let text = JSONValue.object(values.mapValues(JSONValue.bool)).jsonText()
        try storage.setSettings(
            plugin: plugin.id, scope: Self.scope(authority), json: text, at: Date(),
            audit: AuditEntry(action: "plugin.settings", actor: actor, target: "\(plugin.id):\(Self.scope(authority))", detail: text))
        signals.publish(.settings(plugin: plugin.id, authority: authority))
    }

    /// The settings a request of a school of `authority` carries: the plugin's platform
    /// settings (`defaults`) with the authority's values on top; nil when the authority changed nothing.
    package func requestSettings(plugin: String, defaults: String, authority: String) throws -> String? {
        let changes = try overrides(plugin: plugin, authority: authority)
        guard !changes.isEmpty else { return nil }
        return PluginSettings.merge(defaults: defaults, overrides: JSONValue.object(changes.mapValues(JSONValue.bool)).jsonText())
    }
}
