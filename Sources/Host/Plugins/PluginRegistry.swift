// PluginRegistry: the plugins this process loaded and refused, looked up by id and version.
/// The outcome of loading: immutable, so any request may read it without a lock.
package final class PluginRegistry: Sendable {
    package let loaded: [LoadedPlugin]
    package let refused: [PluginRefusal]
    /// The newest loaded version of each id: it serves until version channels choose per school.
    private let current: [String: LoadedPlugin]

    package init(loaded: [LoadedPlugin], refused: [PluginRefusal]) {
        self.loaded = loaded
        self.refused = refused
        var current: [String: LoadedPlugin] = [:]
        for plugin in loaded {
            if let other = current[plugin.id], let mine = SemanticVersion(plugin.version), let theirs = SemanticVersion(other.version), mine < theirs {
                continue
            }
            current[plugin.id] = plugin
        }
        self.current = current
    }

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
