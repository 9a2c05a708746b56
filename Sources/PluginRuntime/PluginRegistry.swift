// PluginRegistry: the plugins this process loaded and refused, looked up by id and version.
import HostDomain
/// The outcome of loading: immutable, so any request may read it without a lock.
package final class PluginRegistry: Sendable {
    package let loaded: [LoadedPlugin]
    package let refused: [PluginRefusal]
    /// The newest loaded version of each id: it serves until version channels choose per school.
    private let current: [String: LoadedPlugin]
    /// The newest stable version of each id: what "latest" means for a school that is no pilot.
    private let currentStable: [String: LoadedPlugin]

    package init(loaded: [LoadedPlugin], refused: [PluginRefusal]) {
        self.loaded = loaded
        self.refused = refused
        current = Self.newest(of: loaded)
        currentStable = Self.newest(of: loaded.filter { $0.manifest.stability == .stable })
    }

    private static func newest(of plugins: [LoadedPlugin]) -> [String: LoadedPlugin] {
        var newest: [String: LoadedPlugin] = [:]
        for plugin in plugins {
            if let other = newest[plugin.id], let mine = SemanticVersion(plugin.version), let theirs = SemanticVersion(other.version),
                mine < theirs
            {
                continue
            }
            newest[plugin.id] = plugin
        }
        return newest
    }

    /// The newest stable version of `id`, if one is loaded.
    package func newestStable(id: String) -> LoadedPlugin? { currentStable[id] }

    /// The serving version of every loaded id, sorted by id.
    package var serving: [LoadedPlugin] { current.values.sorted { $0.id < $1.id } }

    /// The version that serves `id`, if any is loaded.
    package func plugin(id: String) -> LoadedPlugin? { current[id] }

    /// An exact version.
    package func plugin(id: String, version: String) -> LoadedPlugin? {
        loaded.first { $0.id == id && $0.version == version }
    }

    /// Calls every plugin's `shutdown` once. Libraries stay mapped.
    package func shutdown() {
        for plugin in loaded { plugin.shutdown() }
    }
}
