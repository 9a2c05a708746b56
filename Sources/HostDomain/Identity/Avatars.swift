// Avatars: stores, reads and removes users' re-encoded avatar pictures.
import Foundation
import GRDB
import HostStorage

/// One PNG per user, already re-encoded by ``AvatarImage``.
package enum Avatars {
    package static func save(_ png: [UInt8], userID: String, address: String?, database: SQLiteDatabase, at date: Date = Date()) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO avatars (user_id, png, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at
                    """, arguments: [userID, Data(png), date.formatted(.iso8601)])
            try AuditLog.record(db, at: date, action: "avatar.update", actor: userID, address: address)
        }
    }

    package static func remove(userID: String, address: String?, database: SQLiteDatabase, at date: Date = Date()) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM avatars WHERE user_id = ?", arguments: [userID])
            if db.changesCount > 0 { try AuditLog.record(db, at: date, action: "avatar.remove", actor: userID, address: address) }
        }
    }

    /// The avatar of `userID` when `viewerID` is them or may see their profile; nil otherwise or when there is none.
    package static func load(userID: String, seenBy viewerID: String, database: SQLiteDatabase) throws -> [UInt8]? {
        try database.pool.read { db in
            let visible = try userID == viewerID || VisibleProfile.load(db, viewerID: viewerID, personID: userID) != nil
            guard visible else { return nil }
            return try load(db, userID: userID)
        }
    }

    /// Whether `userID` has an avatar.
    package static func exists(userID: String, database: SQLiteDatabase) throws -> Bool {
        try database.pool.read { db in try exists(db, userID: userID) }
    }

    package static func load(_ db: GRDB.Database, userID: String) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT png FROM avatars WHERE user_id = ?", arguments: [userID]).map { Array($0) }
    }

    package static func exists(_ db: GRDB.Database, userID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM avatars WHERE user_id = ?", arguments: [userID]) != nil
    }
}
