// SQLEnablementStorage: per-school enablement's statements on both engines (plugin_enablement, enablement_version, the default roles).
import Foundation

extension HostDatabase {
    /// Which school runs which plugin, in this database.
    package var enablement: any EnablementStorage { SQLEnablementStorage(database: self) }
}

struct SQLEnablementStorage: EnablementStorage {
    let database: HostDatabase

    func enable(
        pluginID: String, version: String?, schoolIDs: [String], defaultRoles: [DefaultRole], at: Date,
        check: ([EnablementSchool]) throws -> Void, audit: (String) -> AuditEntry
    ) throws {
        try database.write { db in
            let schools = try SQLRow.fetchAll(
                db, sql: "SELECT id, uai, pilot FROM schools WHERE id IN (\(sqlPlaceholders(schoolIDs.count)))",
                arguments: SQLArguments(schoolIDs)
            ).map { EnablementSchool(id: $0["id"], uai: $0["uai"], isPilot: $0["pilot"]) }
            try check(schools)
            let stamp = at.formatted(.iso8601)
            for school in schools {
                try db.execute(
                    sql: """
                        INSERT INTO plugin_enablement (school_id, plugin_id, version, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (school_id, plugin_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                        """, arguments: [school.id, pluginID, version, stamp])
                try Self.seed(db, defaultRoles, pluginID: pluginID, schoolID: school.id, at: stamp)
                try AuditLog.record(db, audit(school.id))
            }
            try Self.bump(db)
        }
    }

    /// The default roles, created once per school and profile; a newer version may add actions to them.
    private static func seed(_ db: any SQLSession, _ roles: [DefaultRole], pluginID: String, schoolID: String, at stamp: String) throws {
        var changed = false
        for role in roles {
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM roles WHERE school_id = ? AND plugin_id = ? AND name = ?",
                arguments: [schoolID, pluginID, role.name])
            {
                // Grants stay as the school left them.
                for action in role.actions {
                    try db.execute(
                        sql: "INSERT INTO role_actions (role_id, action) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        arguments: [existing, action])
                    changed = changed || db.changesCount > 0
                }
                continue
            }
            let id = UUID().uuidString.lowercased()
            try db.execute(
                sql: "INSERT INTO roles (id, school_id, name, plugin_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, schoolID, role.name, pluginID, stamp])
            for action in Set(role.actions).sorted() {
                try db.execute(sql: "INSERT INTO role_actions (role_id, action) VALUES (?, ?)", arguments: [id, action])
            }
            try db.execute(
                sql: """
                    INSERT INTO role_grants (role_id, group_id)
                    SELECT ?, id FROM groups WHERE school_id = ? AND kind = 'profile' AND profile = ? AND class_id IS NULL
                    """, arguments: [id, schoolID, role.profile])
            changed = true
        }
        if changed {
            try db.execute(sql: "UPDATE schools SET grants_version = grants_version + 1 WHERE id = ?", arguments: [schoolID])
        }
    }

    func disable(pluginID: String, schoolIDs: [String], audit: (String) -> AuditEntry) throws {
        try database.write { db in
            for schoolID in schoolIDs {
                try db.execute(sql: "DELETE FROM plugin_enablement WHERE school_id = ? AND plugin_id = ?", arguments: [schoolID, pluginID])
                if db.changesCount > 0 { try AuditLog.record(db, audit(schoolID)) }
            }
            try Self.bump(db)
        }
    }

    func setPilot(
        schoolID: String, pilot: Bool, check: (_ uai: String, _ enabledPlugins: [String]) throws -> Void, audit: (String) -> AuditEntry
    ) throws -> Bool? {
        try database.write { db in
            guard let uai = try String.fetchOne(db, sql: "SELECT uai FROM schools WHERE id = ?", arguments: [schoolID]) else { return nil }
            let enabled = try String.fetchAll(
                db, sql: "SELECT plugin_id FROM plugin_enablement WHERE school_id = ? ORDER BY plugin_id", arguments: [schoolID])
            try check(uai, enabled)
            try db.execute(sql: "UPDATE schools SET pilot = ? WHERE id = ?", arguments: [pilot, schoolID])
            guard db.changesCount > 0 else { return false }
            try Self.bump(db)
            try AuditLog.record(db, audit(uai))
            return true
        }
    }

    private static func bump(_ db: any SQLSession) throws {
        try db.execute(sql: "UPDATE enablement_version SET version = version + 1 WHERE id = 1")
    }

    func snapshot(unlessVersion known: Int) throws -> EnablementSnapshot? {
        try database.read { db in
            let version = try Int.fetchOne(db, sql: "SELECT version FROM enablement_version WHERE id = 1") ?? 0
            guard version != known else { return nil }
            let rows = try SQLRow.fetchAll(db, sql: "SELECT school_id, plugin_id, version FROM plugin_enablement").map {
                (schoolID: $0["school_id"] as String, pluginID: $0["plugin_id"] as String, version: $0["version"] as String?)
            }
            return EnablementSnapshot(
                version: version, rows: rows, pilotSchools: try String.fetchAll(db, sql: "SELECT id FROM schools WHERE pilot = 1"))
        }
    }
}
