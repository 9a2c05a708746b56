// AuditLogReader: pages of the audit log, limited to what an admin's functions cover.
import GRDB
import HostStorage

/// Platform admins read every entry; authority and school admins read the entries of
/// their schools: those recorded for the school, and those whose actor or target is one
/// of its current members (a former member's own trail is no longer the school's).
/// Newest first, paged by entry id.
package enum AuditLogReader {
    package struct Entry: Sendable, Equatable {
        package let id: Int64
        package let at: String
        package let action: String
        package let actor: String?
        package let target: String?
        package let detail: String?
        package let address: String?
    }

    package static let pageSize = 100

    /// Up to ``pageSize`` entries older than `before` (an entry id), or nil when `rights` cover nothing.
    /// The page `page(_:rights:before:action:)` gives the admin `userID`, with their rights read in the same transaction.
    package static func page(forAdmin userID: String, before: Int64?, action: String?, database: SQLiteDatabase) throws -> [Entry]? {
        try database.pool.read { db in try page(db, rights: AdminRights.load(db, userID: userID), before: before, action: action) }
    }

    package static func page(_ db: GRDB.Database, rights: AdminRights, before: Int64?, action: String? = nil) throws -> [Entry]? {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if !rights.isPlatformAdmin {
            guard !rights.schoolIDs.isEmpty else { return nil }
            let schools = Array(rights.schoolIDs)
            let list = sqlPlaceholders(schools.count)
            conditions.append(
                """
                (a.school_id IN (\(list)) OR a.actor_id IN (SELECT user_id FROM user_schools WHERE school_id IN (\(list)) AND detached_at IS NULL)
                 OR a.target IN (SELECT user_id FROM user_schools WHERE school_id IN (\(list)) AND detached_at IS NULL))
                """)
            arguments += schools + schools + schools
        }
        if let before {
            conditions.append("a.id < ?")
            arguments.append(before)
        }
        if let action, !action.isEmpty {
            conditions.append("a.action = ?")
            arguments.append(action)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.at, a.action, a.detail, a.address, coalesce(actor.login, a.actor_id) AS actor, coalesce(target.login, a.target) AS target
                FROM audit_log a LEFT JOIN users actor ON actor.id = a.actor_id LEFT JOIN users target ON target.id = a.target
                \(filter) ORDER BY a.id DESC LIMIT \(pageSize)
                """, arguments: StatementArguments(arguments)
        ).map {
            Entry(
                id: $0["id"], at: $0["at"], action: $0["action"], actor: $0["actor"], target: $0["target"], detail: $0["detail"],
                address: $0["address"])
        }
    }
}
