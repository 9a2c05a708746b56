// Shares: rights on a plugin's resources for users and groups of one school (read ⊂ comment ⊂ contrib ⊂ manage).
import CartableWire
import Foundation
import GRDB
import HostStorage

/// Backs `cartable.access/1`'s shares. Everything is confined to one plugin and one
/// school: a share may only target a user attached to the school or one of its groups.
package struct Shares: Sendable {
    package typealias Right = ShareRight
    package typealias Share = ShareEntry

    let database: SQLiteDatabase
    let pluginID: String
    let schoolID: String

    package init(database: SQLiteDatabase, pluginID: String, schoolID: String) {
        self.database = database
        self.pluginID = pluginID
        self.schoolID = schoolID
    }

    /// Gives `target` (`user` or `group`) `right` on `resource`, replacing its previous right.
    package func set(resource: String, kind: String, target: String, right: Right, by actor: String?) throws {
        try Self.checkResource(resource)
        try database.pool.write { db in
            try checkTarget(db, kind: kind, target: target)
            try db.execute(
                sql: """
                    INSERT INTO shares (plugin_id, school_id, resource_id, target_kind, target_id, level, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (plugin_id, school_id, resource_id, target_kind, target_id) DO UPDATE SET level = excluded.level
                    """, arguments: [pluginID, schoolID, resource, kind, target, right.rawValue, Date().formatted(.iso8601)])
            try AuditLog.record(
                db, at: Date(), action: "share.set", actor: actor, target: "\(pluginID):\(resource)",
                detail: "\(kind) \(target) \(right.name)", school: schoolID)
        }
    }

    /// Withdraws whatever right `target` had on `resource`.
    package func revoke(resource: String, kind: String, target: String, by actor: String?) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    DELETE FROM shares WHERE plugin_id = ? AND school_id = ? AND resource_id = ? AND target_kind = ? AND target_id = ?
                    """, arguments: [pluginID, schoolID, resource, kind, target])
            if db.changesCount > 0 {
                try AuditLog.record(
                    db, at: Date(), action: "share.revoke", actor: actor, target: "\(pluginID):\(resource)", detail: "\(kind) \(target)",
                    school: schoolID)
            }
        }
    }

    /// The shares of a resource.
    package func list(resource: String) throws -> [Share] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT target_kind, target_id, level FROM shares WHERE plugin_id = ? AND school_id = ? AND resource_id = ? ORDER BY target_kind, target_id
                    """, arguments: [pluginID, schoolID, resource]
            ).map {
                Share(kind: $0["target_kind"], id: $0["target_id"], right: Right(rawValue: $0["level"]) ?? .read)
            }
        }
    }

    /// The highest right `userID` holds on `resource`, directly or through one of their groups.
    package func right(of userID: String, on resource: String) throws -> Right? {
        try database.pool.read { db in
            try Int32.fetchOne(
                db.cachedStatement(
                    sql: "SELECT max(level) FROM shares WHERE plugin_id = ? AND school_id = ? AND resource_id = ? AND \(ShareReach.reaches)"
                ),
                arguments: StatementArguments([pluginID, schoolID, resource] + ShareReach.reachesArguments(userID, schoolID))
            ).flatMap(Right.init(rawValue:))
        }
    }

    /// The resources of this plugin shared with `userID` with at least `right`.
    package func resources(sharedWith userID: String, atLeast right: Right) throws -> [String] {
        try database.pool.read { db in
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT resource_id FROM shares WHERE plugin_id = ? AND school_id = ? AND \(ShareReach.reaches)
                        GROUP BY resource_id HAVING max(level) >= ? ORDER BY resource_id
                        """),
                arguments: StatementArguments([pluginID, schoolID] + ShareReach.reachesArguments(userID, schoolID) + [right.rawValue]))
        }
    }

    private func checkTarget(_ db: GRDB.Database, kind: String, target: String) throws {
        switch kind {
        case "user":
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM user_schools WHERE user_id = ? AND school_id = ? AND detached_at IS NULL",
                    arguments: [target, schoolID]) != nil
            else {
                throw AccessRefusal("user \(target) is not a member of this school: shares stay within the school")
            }
        case "group":
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM groups WHERE id = ? AND school_id = ?", arguments: [target, schoolID]) != nil
            else {
                throw AccessRefusal("group \(target) is not a group of this school: shares stay within the school")
            }
        default:
            throw AccessRefusal("a share targets a 'user' or a 'group', not '\(kind)'")
        }
    }

    static func checkResource(_ resource: String) throws {
        guard (1...200).contains(resource.utf8.count), !resource.utf8.contains(where: { $0 < 0x20 }) else {
            throw AccessRefusal("a resource id is 1 to 200 bytes without control characters")
        }
    }
}
