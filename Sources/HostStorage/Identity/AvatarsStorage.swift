// AvatarsStorage: what avatars store — one re-encoded PNG per user.
import Foundation

package protocol AvatarsStorage: Sendable {
    /// Stores or replaces the user's picture, with `audit`.
    func save(_ png: [UInt8], userID: String, at: Date, audit: AuditEntry) throws
    /// Removes it, with `audit` when there was one.
    func remove(userID: String, audit: AuditEntry) throws
    func png(userID: String) throws -> [UInt8]?
    func exists(userID: String) throws -> Bool
}

extension HostDatabase {
    /// Users' pictures in this database.
    package var avatars: any AvatarsStorage { SQLAvatarsStorage(database: self) }
}

struct SQLAvatarsStorage: AvatarsStorage {
    let database: HostDatabase

    func save(_ png: [UInt8], userID: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO avatars (user_id, png, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at
                    """, arguments: [userID, Data(png), at.formatted(.iso8601)])
            try AuditLog.record(db, audit)
        }
    }

    func remove(userID: String, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM avatars WHERE user_id = ?", arguments: [userID])
            if db.changesCount > 0 { try AuditLog.record(db, audit) }
        }
    }

    func png(userID: String) throws -> [UInt8]? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT png FROM avatars WHERE user_id = ?", arguments: [userID]).map { Array($0) }
        }
    }

    func exists(userID: String) throws -> Bool {
        try database.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM avatars WHERE user_id = ?", arguments: [userID]) != nil }
    }
}
