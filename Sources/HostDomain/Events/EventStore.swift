// EventStore: stores an emitted event, expands its audience to users and queues it for the plugins that subscribe.
import CartableText
import Foundation
import GRDB
import HostStorage

/// Emitting is one transaction: the event, one timeline row per member of its audience
/// (the actor excepted), and one delivery row per subscribed plugin. A repeated
/// idempotency key answers the first event's id and changes nothing.
package struct EventStore: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Stores `draft` emitted by `pluginID` in `schoolID` by `actorID`; `subscribers` are the
    /// ids of plugins whose manifests listen to its type. Returns the event's id.
    @discardableResult
    package func emit(_ draft: EventDraft, pluginID: String, schoolID: String, actorID: String?, subscribers: [String]) throws -> Int64 {
        try database.pool.write { db in
            if let key = draft.key,
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM events WHERE plugin_id = ? AND idempotency_key = ?", arguments: [pluginID, key])
            {
                return existing
            }
            var recipients = try Self.members(db, users: draft.users, schoolID: schoolID)
            recipients.formUnion(try Self.members(db, groups: draft.groups, schoolID: schoolID))
            if let actorID { recipients.remove(actorID) }
            let audience = String(
                decoding: try JSONSerialization.data(withJSONObject: ["users": draft.users, "groups": draft.groups], options: .sortedKeys),
                as: UTF8.self)
            let params = String(decoding: try JSONSerialization.data(withJSONObject: draft.params, options: .sortedKeys), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO events (plugin_id, school_id, type, actor_id, link, resource, params, audience, idempotency_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    pluginID, schoolID, draft.type, actorID, draft.link, draft.resource, params, audience, draft.key,
                    Date().formatted(.iso8601),
                ])
            let id = db.lastInsertedRowID
            let recipient = try db.cachedStatement(sql: "INSERT INTO event_recipients (user_id, event_id, school_id) VALUES (?, ?, ?)")
            for user in recipients { try recipient.execute(arguments: [user, id, schoolID]) }
            let now = Date().timeIntervalSince1970
            for subscriber in Set(subscribers) {
                try db.execute(
                    sql: "INSERT INTO event_deliveries (event_id, plugin_id, next_at) VALUES (?, ?, ?)", arguments: [id, subscriber, now])
            }
            return id
        }
    }

    /// The given users who are current members of the school. A former member (a pupil who
    /// left, a teacher who moved) is simply no recipient: a plugin's write that already
    /// happened is never failed by its notification. An id that never belonged to the school
    /// is refused: an audience stays within the school.
    private static func members(_ db: GRDB.Database, users: [String], schoolID: String) throws -> Set<String> {
        guard !users.isEmpty else { return [] }
        let wanted = Set(users)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT user_id, detached_at FROM user_schools WHERE school_id = ? AND user_id IN (\(sqlPlaceholders(wanted.count)))
                """, arguments: StatementArguments([schoolID] + Array(wanted)))
        if let stranger = wanted.subtracting(rows.map { $0["user_id"] as String }).sorted().first {
            throw AccessRefusal("user \(stranger) is not a member of this school: an event's audience stays within the school")
        }
        return Set(rows.filter { $0["detached_at"] as String? == nil }.map { $0["user_id"] as String })
    }

    /// The current members of the given groups of the school.
    private static func members(_ db: GRDB.Database, groups: [String], schoolID: String) throws -> Set<String> {
        guard !groups.isEmpty else { return [] }
        let wanted = Set(groups)
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, kind, profile, class_id FROM groups WHERE school_id = ? AND id IN (\(sqlPlaceholders(wanted.count)))",
            arguments: StatementArguments([schoolID] + Array(wanted)))
        if let unknown = wanted.subtracting(rows.map { $0["id"] as String }).sorted().first {
            throw AccessRefusal("group \(unknown) is not a group of this school")
        }
        var members = Set<String>()
        for row in rows {
            let sql: String
            let arguments: StatementArguments
            switch (row["kind"] as String, row["class_id"] as String?) {
            case ("manual", _):
                sql =
                    "SELECT gm.user_id FROM group_members gm JOIN user_schools us ON us.user_id = gm.user_id AND us.school_id = ? AND us.detached_at IS NULL WHERE gm.group_id = ?"
                arguments = [schoolID, row["id"] as String]
            case (_, let classID?):
                sql = ClassMembership.membersWithProfile
                arguments = [classID, row["profile"] as String?, classID, row["profile"] as String?]
            default:
                sql =
                    "SELECT us.user_id FROM user_schools us JOIN users u ON u.id = us.user_id WHERE us.school_id = ? AND us.detached_at IS NULL AND u.profile = ?"
                arguments = [schoolID, row["profile"] as String?]
            }
            members.formUnion(try String.fetchAll(db, sql: sql, arguments: arguments))
        }
        return members
    }
}
