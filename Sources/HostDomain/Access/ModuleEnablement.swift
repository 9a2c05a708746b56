// ModuleEnablement: an authority enables or disables a plugin per school, picks its version, and seeds its default grants.
import Foundation
import GRDB
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
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
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
        try database.pool.write { db in
            let schools = try Row.fetchAll(
                db, sql: "SELECT id, uai, pilot FROM schools WHERE id IN (\(sqlPlaceholders(schoolIDs.count)))",
                arguments: StatementArguments(schoolIDs))
            guard schools.count == Set(schoolIDs).count else {
                throw AccessRefusal(key: "refusal.unknown_school_among", schoolIDs.joined(separator: ", "))
            }
            // "Latest" with an experimental newest is fine for schools that are no pilots when a stable version exists: they get it.
            let stableExists = manifests.contains { $0.stability == .stable }
            if chosen.stability == .experimental, version != nil || !stableExists {
                let regular = schools.filter { !($0["pilot"] as Bool) }.map { $0["uai"] as String }.sorted()
                guard regular.isEmpty else {
                    throw AccessRefusal(key: "refusal.experimental", chosen.id, chosen.version, regular.joined(separator: ", "))
                }
            }
            let stamp = Date().formatted(.iso8601)
            for school in schools {
                let schoolID: String = school["id"]
                try db.execute(
                    sql: """
                        INSERT INTO plugin_enablement (school_id, plugin_id, version, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (school_id, plugin_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                        """, arguments: [schoolID, chosen.id, version, stamp])
                try Self.seedDefaultGrants(db, manifest: chosen, schoolID: schoolID, at: stamp)
                try AuditLog.record(
                    db, at: Date(), action: "module.enable", actor: actor, target: chosen.id, detail: version ?? "newest", school: schoolID)
            }
            try Self.bump(db)
        }
    }

    /// Disables the plugin for `schoolIDs`; its documents and roles stay for a later re-enabling.
    package func disable(pluginID: String, schoolIDs: [String], by actor: String?) throws {
        try database.pool.write { db in
            for schoolID in schoolIDs {
                try db.execute(sql: "DELETE FROM plugin_enablement WHERE school_id = ? AND plugin_id = ?", arguments: [schoolID, pluginID])
                if db.changesCount > 0 {
                    try AuditLog.record(db, at: Date(), action: "module.disable", actor: actor, target: pluginID, school: schoolID)
                }
            }
            try Self.bump(db)
        }
    }

    /// The manifest's default grants as roles, created once per school and profile.
    private static func seedDefaultGrants(_ db: GRDB.Database, manifest: PluginManifest, schoolID: String, at stamp: String) throws {
        var byProfile: [String: [String]] = [:]
        for action in manifest.actions {
            for profile in action.defaults { byProfile[profile, default: []].append(action.id) }
        }
        var changed = false
        for (profile, actions) in byProfile.sorted(by: { $0.key < $1.key }) {
            let name = "\(manifest.name) (\(profile))"
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM roles WHERE school_id = ? AND plugin_id = ? AND name = ?",
                arguments: [schoolID, manifest.id, name])
            {
                // A newer version may add default actions; grants stay as the school left them.
                for action in actions {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO role_actions (role_id, action) VALUES (?, ?)", arguments: [existing, action])
                    changed = changed || db.changesCount > 0
                }
                continue
            }
            let role = UUID().uuidString.lowercased()
            try db.execute(
                sql: "INSERT INTO roles (id, school_id, name, plugin_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [role, schoolID, name, manifest.id, stamp])
            for action in Set(actions) {
                try db.execute(sql: "INSERT INTO role_actions (role_id, action) VALUES (?, ?)", arguments: [role, action])
            }
            try db.execute(
                sql: """
                    INSERT INTO role_grants (role_id, group_id)
                    SELECT ?, id FROM groups WHERE school_id = ? AND kind = 'profile' AND profile = ? AND class_id IS NULL
                    """, arguments: [role, schoolID, profile])
            changed = true
        }
        if changed {
            try db.execute(sql: "UPDATE schools SET grants_version = grants_version + 1 WHERE id = ?", arguments: [schoolID])
        }
    }

    private static func bump(_ db: GRDB.Database) throws {
        try db.execute(sql: "UPDATE enablement_version SET version = version + 1 WHERE id = 1")
    }

    /// Orders manifests by semantic version (validated when the manifest was read).
    static func older(_ first: PluginManifest, _ second: PluginManifest) -> Bool {
        guard let one = SemanticVersion(first.version), let two = SemanticVersion(second.version) else {
            return first.version < second.version
        }
        return one < two
    }
}
