// SQLPublicNamesStorage: the public-names concern's statements on both engines (the public_names table).
import Foundation

extension HostDatabase {
    /// Plugins' public names in this database.
    package var publicNames: any PublicNamesStorage { SQLPublicNamesStorage(database: self) }
}

struct SQLPublicNamesStorage: PublicNamesStorage {
    let database: HostDatabase

    func claim(plugin: String, name: String, school: String, audit: AuditEntry) throws -> String {
        try database.write { db in
            if let holder = try String.fetchOne(
                db, sql: "SELECT school_id FROM public_names WHERE plugin_id = ? AND name = ?", arguments: [plugin, name])
            {
                return holder
            }
            try db.execute(
                sql: "INSERT INTO public_names (plugin_id, name, school_id, claimed_at) VALUES (?, ?, ?, ?)",
                arguments: [plugin, name, school, audit.at.formatted(.iso8601)])
            try AuditLog.record(db, audit)
            return school
        }
    }

    func release(plugin: String, name: String, school: String, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM public_names WHERE plugin_id = ? AND name = ? AND school_id = ?", arguments: [plugin, name, school])
            if db.changesCount > 0 { try AuditLog.record(db, audit) }
        }
    }

    func holder(plugin: String, name: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT school_id FROM public_names WHERE plugin_id = ? AND name = ?", arguments: [plugin, name])
        }
    }
}
