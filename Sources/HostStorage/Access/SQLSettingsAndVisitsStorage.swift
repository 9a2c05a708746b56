// SQLSettingsAndVisitsStorage: plugin settings' and visits' statements on both engines (plugin_settings, plugin_visits).
import Foundation

extension HostDatabase {
    /// Admin-set plugin settings in this database.
    package var pluginSettings: any PluginSettingsStorage { SQLSettingsAndVisitsStorage(database: self) }
    /// Daily app visits in this database.
    package var visits: any VisitsStorage { SQLSettingsAndVisitsStorage(database: self) }
}

struct SQLSettingsAndVisitsStorage: PluginSettingsStorage, VisitsStorage {
    let database: HostDatabase

    func settings(plugin: String, scope: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT settings FROM plugin_settings WHERE plugin = ? AND scope = ?", arguments: [plugin, scope])
        }
    }

    func setSettings(plugin: String, scope: String, json: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO plugin_settings (plugin, scope, settings, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (plugin, scope) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
                    """, arguments: [plugin, scope, json, at.formatted(.iso8601)])
            try AuditLog.record(db, audit)
        }
    }

    func record(_ visits: Set<VisitRecord>, forgetBefore: String) throws {
        try database.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO plugin_visits (day, school_id, plugin_id, user_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
            for visit in visits {
                try insert.execute(arguments: [visit.day, visit.schoolID, visit.pluginID, visit.userID])
            }
            try db.execute(sql: "DELETE FROM plugin_visits WHERE day < ?", arguments: [forgetBefore])
        }
    }
}
