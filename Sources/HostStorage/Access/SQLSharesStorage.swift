// SQLSharesStorage: the shares concern's statements on both engines (the shares table, checked against user_schools and groups).
import Foundation

extension HostDatabase {
    /// Shares of plugins' resources in this database.
    package var shares: any SharesStorage { SQLSharesStorage(database: self) }
}

struct SQLSharesStorage: SharesStorage {
    let database: HostDatabase

    func set(_ scope: ShareScope, resource: String, kind: String, target: String, level: Int32, audit: AuditEntry) throws {
        try database.write { db in
            try Self.checkTarget(db, scope, kind: kind, target: target)
            try db.execute(
                sql: """
                    INSERT INTO shares (plugin_id, school_id, resource_id, target_kind, target_id, level, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (plugin_id, school_id, resource_id, target_kind, target_id) DO UPDATE SET level = excluded.level
                    """, arguments: [scope.pluginID, scope.schoolID, resource, kind, target, level, audit.at.formatted(.iso8601)])
            try AuditLog.record(db, audit)
        }
    }

    /// A user attached to the school, or a group of it; anything else is outside.
    private static func checkTarget(_ db: any SQLSession, _ scope: ShareScope, kind: String, target: String) throws {
        let found: Bool?
        switch kind {
        case "user":
            found = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM user_schools WHERE user_id = ? AND school_id = ? AND detached_at IS NULL",
                arguments: [target, scope.schoolID])
        case "group":
            found = try Bool.fetchOne(db, sql: "SELECT 1 FROM groups WHERE id = ? AND school_id = ?", arguments: [target, scope.schoolID])
        default:
            found = nil
        }
        guard found != nil else { throw ShareTargetOutsideSchool(kind: kind, id: target) }
    }

    func revoke(_ scope: ShareScope, resource: String, kind: String, target: String, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    DELETE FROM shares WHERE plugin_id = ? AND school_id = ? AND resource_id = ? AND target_kind = ? AND target_id = ?
                    """, arguments: [scope.pluginID, scope.schoolID, resource, kind, target])
            if db.changesCount > 0 { try AuditLog.record(db, audit) }
        }
    }

    func list(_ scope: ShareScope, resource: String) throws -> [ShareRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT target_kind, target_id, level FROM shares WHERE plugin_id = ? AND school_id = ? AND resource_id = ? ORDER BY target_kind, target_id
                    """, arguments: [scope.pluginID, scope.schoolID, resource]
            ).map { ShareRecord(kind: $0["target_kind"], targetID: $0["target_id"], level: $0["level"]) }
        }
    }

    func highestLevel(_ scope: ShareScope, resource: String, viewer: ShareViewer) throws -> Int32? {
        try database.readStatement { db in
            try Int32.fetchOne(
                db.cachedStatement(
                    sql: "SELECT max(level) FROM shares WHERE plugin_id = ? AND school_id = ? AND resource_id = ? AND \(ShareReach.reaches)"
                ),
                arguments: SQLArguments(
                    [scope.pluginID, scope.schoolID, resource] + ShareReach.reachesArguments(viewer, scope.schoolID)))
        }
    }

    func resources(_ scope: ShareScope, reaching viewer: ShareViewer, atLeast level: Int32) throws -> [String] {
        try database.readStatement { db in
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT resource_id FROM shares WHERE plugin_id = ? AND school_id = ? AND \(ShareReach.reaches)
                        GROUP BY resource_id HAVING max(level) >= ? ORDER BY resource_id
                        """),
                arguments: SQLArguments(
                    [scope.pluginID, scope.schoolID] + ShareReach.reachesArguments(viewer, scope.schoolID) + [level]))
        }
    }
}
