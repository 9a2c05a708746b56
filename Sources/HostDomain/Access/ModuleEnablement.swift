// ModuleEnablement: an authority enables or disables a plugin per school, picks its version, and seeds its default grants.
import Foundation
import HostStorage

/// Enabling a plugin for a school:
/// - refuses an experimental plugin (or an experimental version) for a school that is not a pilot;
/// - records the chosen version (nil: the latest — the newest installed for a pilot, the
///   newest stable for the others, so installing an experimental version moves only pilots);
/// - the first time, creates one role per profile the manifest grants actions by default
///   ("Notes (Student)") and grants it to the school's profile group, so the school starts
///   from the plugin's defaults and its admins adjust the grants afterwards.
/// Disabling removes the plugin from the school's launcher and routes; its data stays.
package struct ModuleEnablement: Sendable {
    let storage: any EnablementStorage

    package init(storage: any EnablementStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.enablement)
    }

    /// Enables `manifests`' plugin (every installed version of one id) for `schoolIDs`.
    package func enable(_ manifests: [PluginManifest], version: String? = nil, schoolIDs: [String], by actor: String?) throws {
        guard let newest = manifests.max(by: Self.older) else {
            throw AccessRefusal(key: "refusal.app_not_installed")
        }
        let chosen =
            try version.map { wanted in
                guard let manifest = manifests.first(where: { $0.version == wanted }) else {
                    throw AccessRefusal(
                        key: "refusal.version_not_installed", newest.id, wanted, manifests.map(\.version).sorted().joined(separator: ", "))
                }
                return manifest
            } ?? newest
        // "Latest" with an experimental newest is fine for schools that are no pilots when a stable version exists: they get it.
        let stableExists = manifests.contains { $0.stability == .stable }
        try storage.enable(
            pluginID: chosen.id, version: version, schoolIDs: schoolIDs, defaultRoles: Self.defaultRoles(of: chosen), at: Date(),
            check: { schools in
                guard schools.count == Set(schoolIDs).count else {
                    throw AccessRefusal(key: "refusal.unknown_school_among", schoolIDs.joined(separator: ", "))
                }
                if chosen.stability == .experimental, version != nil || !stableExists {
                    let regular = schools.filter { !$0.isPilot }.map(\.uai).sorted()
                    guard regular.isEmpty else {
                        throw AccessRefusal(key: "refusal.experimental", chosen.id, chosen.version, regular.joined(separator: ", "))
                    }
                }
            },
            audit: { school in
                AuditEntry(action: "module.enable", actor: actor, target: chosen.id, detail: version ?? "newest", school: school)
            })
    }

    /// Disables the plugin for `schoolIDs`; its documents and roles stay for a later re-enabling.
    package func disable(pluginID: String, schoolIDs: [String], by actor: String?) throws {
        try storage.disable(pluginID: pluginID, schoolIDs: schoolIDs) { school in
            AuditEntry(action: "module.disable", actor: actor, target: pluginID, school: school)
        }
    }

    /// The manifest's default grants as roles: one per profile, named after the plugin and the profile.
    static func defaultRoles(of manifest: PluginManifest) -> [DefaultRole] {
        var byProfile: [String: [String]] = [:]
        for action in manifest.actions {
            for profile in action.defaults { byProfile[profile, default: []].append(action.id) }
        }
        return byProfile.sorted { $0.key < $1.key }.map {
            DefaultRole(name: "\(manifest.name) (\($0.key))", profile: $0.key, actions: $0.value)
        }
    }

    /// Orders manifests by semantic version (validated when the manifest was read).
    static func older(_ first: PluginManifest, _ second: PluginManifest) -> Bool {
        guard let one = SemanticVersion(first.version), let two = SemanticVersion(second.version) else {
            return first.version < second.version
        }
        return one < two
    }
}
