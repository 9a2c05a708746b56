// Portal+Enablement: enables every installed plugin for every school where it is allowed (demo, bench, tests).
import HostDomain
import HostStorage
import PluginRuntime

extension Portal {
    /// Enables each loaded plugin for every school, experimental ones for pilot schools
    /// only, as an authority would for a demo; returns how many (plugin, school) pairs.
    /// With `onlyNew`, plugins some school already has (or had enabled then disabled by
    /// an admin, if another is still enabled) are left as they are.
    @discardableResult
    package func enableInstalledEverywhere(onlyNew: Bool = false, by actor: String? = nil) throws -> Int {
        let schools = try directory.schools(), enablement = moduleEnablement
        modules.invalidate()
        let known = try Set(plugins.serving.map(\.id).filter(modules.isEnabledAnywhere))
        var count = 0
        for plugin in plugins.serving where !(onlyNew && known.contains(plugin.id)) {
            let manifests = plugins.loaded.filter { $0.id == plugin.id }.map(\.manifest)
            let allowed = schools.filter { plugin.manifest.stability == .stable || $0.pilot }.map(\.id)
            guard !allowed.isEmpty else { continue }
            try enablement.enable(manifests, schoolIDs: allowed, by: actor)
            count += allowed.count
        }
        modules.invalidate()
        return count
    }
}
