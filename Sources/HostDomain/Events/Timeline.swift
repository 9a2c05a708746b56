// Timeline: a user's notifications in a school — newest first, paged, read or unread, only about what they can still read.
import Foundation
import GRDB
import HostStorage

/// An event shows to a recipient while its plugin is enabled for the school (the caller
/// passes those plugins) and, when it names a shared resource, while the recipient (or one
/// of their groups) still holds a share on it.
package struct Timeline: Sendable {
    package struct Entry: Sendable, Equatable {
        package let id: Int64
        package let pluginID: String
        package let type: String
        package let actorName: String?
        package let link: String
        package let params: [String: String]
        package let at: String
        package let isRead: Bool
    }

    package static let pageSize = 20

    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// The predicate that keeps readable events of enabled plugins. Arguments: see ``arguments(_:_:_:)``.
    private static func visible(plugins: Int) -> String {
        """
        r.user_id = ? AND r.school_id = ? AND e.plugin_id IN (\(sqlPlaceholders(max(plugins, 1))))
        AND (e.resource IS NULL OR EXISTS (SELECT 1 FROM shares WHERE plugin_id = e.plugin_id AND school_id = e.school_id AND resource_id = e.resource
             AND \(Shares.reaches)))
        """
    }

    private static func arguments(_ userID: String, _ schoolID: String, _ plugins: [String]) -> [(any DatabaseValueConvertible)?] {
        [userID, schoolID] + (plugins.isEmpty ? [""] : plugins) + Shares.reachesArguments(userID, schoolID)
    }

    /// A page of entries older than `before` (nil: the newest).
    package func page(userID: String, schoolID: String, plugins: [String], before: Int64? = nil, limit: Int = pageSize) throws -> [Entry] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.plugin_id, e.type, a.display_name AS actor, e.link, e.params, e.created_at, r.read_at
                    FROM event_recipients r JOIN events e ON e.id = r.event_id LEFT JOIN users a ON a.id = e.actor_id
                    WHERE \(Self.visible(plugins: plugins.count)) AND r.event_id < ?
                    ORDER BY r.event_id DESC LIMIT ?
                    """, arguments: StatementArguments(Self.arguments(userID, schoolID, plugins) + [before ?? Int64.max, limit])
            ).map { row in
                let params = (try? JSONSerialization.jsonObject(with: Data((row["params"] as String).utf8)) as? [String: String]) ?? [:]
                return Entry(
                    id: row["id"], pluginID: row["plugin_id"], type: row["type"], actorName: row["actor"], link: row["link"],
                    params: params, at: row["created_at"], isRead: row["read_at"] as String? != nil)
            }
        }
    }

    /// How many visible entries are unread.
    package func unreadCount(userID: String, schoolID: String, plugins: [String]) throws -> Int {
        try database.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM event_recipients r JOIN events e ON e.id = r.event_id
                    WHERE \(Self.visible(plugins: plugins.count)) AND r.read_at IS NULL
                    """, arguments: StatementArguments(Self.arguments(userID, schoolID, plugins))) ?? 0
        }
    }

    /// Marks one entry (or, with nil, all of the school's entries) read for the user.
    package func markRead(userID: String, schoolID: String, eventID: Int64?) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE event_recipients SET read_at = ? WHERE user_id = ? AND school_id = ? AND read_at IS NULL AND (? IS NULL OR event_id = ?)
                    """, arguments: [Date().formatted(.iso8601), userID, schoolID, eventID, eventID])
        }
    }
}
