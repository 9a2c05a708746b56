// SQLEventsStorage: the events concern's statements on both engines (events, event_recipients, event_deliveries).
import CartableText
import CartableWire
import Foundation

extension HostDatabase {
    /// Events, timelines and deliveries in this database.
    package var events: any EventsStorage { SQLEventsStorage(database: self) }
}

/// Plain SQL that PostgreSQL also reads, but for the placeholders' style.
struct SQLEventsStorage: EventsStorage {
    let database: HostDatabase

    func store(_ record: NewEventRecord, subscribers: Set<String>) throws -> Int64 {
        try database.write { db in
            if let key = record.key,
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM events WHERE plugin_id = ? AND idempotency_key = ?", arguments: [record.pluginID, key])
            {
                return existing
            }
            var recipients = try Self.members(db, users: record.users, schoolID: record.schoolID)
            recipients.formUnion(try Self.members(db, groups: record.groups, schoolID: record.schoolID))
            if let actorID = record.actorID { recipients.remove(actorID) }
            let audience = String(
                decoding: try JSONEncoder.sortedKeys.encode(EventAudience(users: record.users, groups: record.groups)), as: UTF8.self)
            let inserted = try Int64.fetchOne(
                db,
                sql: """
                    INSERT INTO events (plugin_id, school_id, type, actor_id, link, resource, params, audience, idempotency_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """,
                arguments: [
                    record.pluginID, record.schoolID, record.type, record.actorID, record.link, record.resource, record.params, audience,
                    record.key, record.createdAt.formatted(.iso8601),
                ])
            guard let id = inserted else { throw StoreError.internal("the new event's id was not returned") }
            let recipient = try db.cachedStatement(sql: "INSERT INTO event_recipients (user_id, event_id, school_id) VALUES (?, ?, ?)")
            for user in recipients { try recipient.execute(arguments: [user, id, record.schoolID]) }
            let group = try db.cachedStatement(sql: "INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)")
            for groupID in Set(record.groups).sorted() { try group.execute(arguments: [id, groupID]) }
            for subscriber in subscribers.sorted() {
                try db.execute(
                    sql: "INSERT INTO event_deliveries (event_id, plugin_id, next_at) VALUES (?, ?, ?)",
                    arguments: [id, subscriber, record.createdAt.timeIntervalSince1970])
            }
            return id
        }
    }

    /// The given users who are current members of the school; throws for one who never was.
    private static func members(_ db: any SQLSession, users: [String], schoolID: String) throws -> Set<String> {
        guard !users.isEmpty else { return [] }
        let wanted = Set(users)
        let rows = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT user_id, detached_at FROM user_schools WHERE school_id = ? AND user_id IN (\(sqlPlaceholders(wanted.count)))
                """, arguments: SQLArguments([schoolID] + Array(wanted)))
        if let stranger = wanted.subtracting(rows.map { $0["user_id"] as String }).sorted().first {
            throw EventAudienceError.notAMember(stranger)
        }
        return Set(rows.filter { $0["detached_at"] as String? == nil }.map { $0["user_id"] as String })
    }

    /// The current members of the given groups of the school; throws for a group of another school.
    private static func members(_ db: any SQLSession, groups: [String], schoolID: String) throws -> Set<String> {
        guard !groups.isEmpty else { return [] }
        let wanted = Set(groups)
        let rows = try SQLRow.fetchAll(
            db, sql: "SELECT id, kind, profile, class_id FROM groups WHERE school_id = ? AND id IN (\(sqlPlaceholders(wanted.count)))",
            arguments: SQLArguments([schoolID] + Array(wanted)))
        if let unknown = wanted.subtracting(rows.map { $0["id"] as String }).sorted().first {
            throw EventAudienceError.unknownGroup(unknown)
        }
        var members = Set<String>()
        for row in rows {
            let sql: String
            let arguments: SQLArguments
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

    func claimDue(now: Date, limit: Int, lease: TimeInterval) throws -> [DueDelivery] {
        try database.write { db in
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT d.event_id, d.plugin_id, d.attempts, e.plugin_id AS emitter, e.school_id, e.type, e.actor_id, e.link, e.resource, e.params, e.audience, e.created_at
                    FROM event_deliveries d JOIN events e ON e.id = d.event_id
                    WHERE d.delivered_at IS NULL AND d.next_at <= ? ORDER BY d.event_id LIMIT ?
                    """, arguments: [now.timeIntervalSince1970, limit])
            let claim = try db.cachedStatement(sql: "UPDATE event_deliveries SET next_at = ? WHERE event_id = ? AND plugin_id = ?")
            for row in rows {
                try claim.execute(arguments: [now.timeIntervalSince1970 + lease, row["event_id"] as Int64, row["plugin_id"] as String])
            }
            return rows.map { row in
                DueDelivery(
                    eventID: row["event_id"], pluginID: row["plugin_id"], attempts: row["attempts"], emitter: row["emitter"],
                    schoolID: row["school_id"], type: row["type"], actorID: row["actor_id"], link: row["link"], resource: row["resource"],
                    params: row["params"], audience: row["audience"], createdAt: row["created_at"])
            }
        }
    }

    func markDelivered(eventID: Int64, pluginID: String, at: Date, note: String?) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE event_deliveries SET delivered_at = ?, last_error = ? WHERE event_id = ? AND plugin_id = ?",
                arguments: [at.formatted(.iso8601), note, eventID, pluginID])
        }
    }

    func scheduleRetry(eventID: Int64, pluginID: String, attempts: Int, next: Date, error: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE event_deliveries SET attempts = ?, next_at = ?, last_error = ? WHERE event_id = ? AND plugin_id = ?",
                arguments: [attempts, next.timeIntervalSince1970, error, eventID, pluginID])
        }
    }

    /// The predicate that keeps readable events of enabled plugins. Arguments: see ``visibleArguments(_:_:_:)``.
    private static func visible(plugins: Int) -> String {
        """
        r.user_id = ? AND r.school_id = ? AND e.plugin_id IN (\(sqlPlaceholders(max(plugins, 1))))
        AND (e.resource IS NULL OR EXISTS (SELECT 1 FROM shares WHERE plugin_id = e.plugin_id AND school_id = e.school_id AND resource_id = e.resource
             AND \(ShareReach.reaches)))
        """
    }

    private static func visibleArguments(
        _ viewer: ShareViewer, _ schoolID: String, _ plugins: [String]
    ) -> [(any SQLBindable)?] {
        [viewer.userID, schoolID] + (plugins.isEmpty ? [""] : plugins) + ShareReach.reachesArguments(viewer, schoolID)
    }

    func timeline(viewer: ShareViewer, schoolID: String, plugins: [String], before: Int64?, limit: Int) throws -> [TimelineRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.plugin_id, e.type, e.actor_id, a.display_name AS actor, e.link, e.params, e.created_at, r.read_at,
                    EXISTS (SELECT 1 FROM avatars WHERE user_id = e.actor_id) AS actor_avatar
                    FROM event_recipients r JOIN events e ON e.id = r.event_id LEFT JOIN users a ON a.id = e.actor_id
                    WHERE \(Self.visible(plugins: plugins.count)) AND r.event_id < ?
                    ORDER BY r.event_id DESC LIMIT ?
                    """, arguments: SQLArguments(Self.visibleArguments(viewer, schoolID, plugins) + [before ?? Int64.max, limit])
            ).map { row in
                TimelineRecord(
                    eventID: row["id"], pluginID: row["plugin_id"], type: row["type"], actorID: row["actor_id"], actorName: row["actor"],
                    actorHasAvatar: row["actor_avatar"], link: row["link"],
                    params: row["params"], createdAt: row["created_at"], isRead: row["read_at"] as String? != nil)
            }
        }
    }

    func unreadCount(viewer: ShareViewer, schoolID: String, plugins: [String]) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM event_recipients r JOIN events e ON e.id = r.event_id
                    WHERE \(Self.visible(plugins: plugins.count)) AND r.read_at IS NULL
                    """, arguments: SQLArguments(Self.visibleArguments(viewer, schoolID, plugins))) ?? 0
        }
    }

    func catchUp(userID: String, since: Date) throws -> Int {
        try database.write { db in
            let viewer = ShareViewer(userID: userID)
            try db.execute(
                sql: """
                    INSERT INTO event_recipients (user_id, event_id, school_id)
                    SELECT DISTINCT ?, e.id, e.school_id FROM events e JOIN event_groups eg ON eg.event_id = e.id
                    JOIN user_schools us ON us.school_id = e.school_id AND us.user_id = ? AND us.detached_at IS NULL
                    WHERE e.created_at >= ? AND (e.actor_id IS NULL OR e.actor_id <> ?)
                    AND eg.group_id IN (\(ClassMembership.groupsOfUser(inSchool: "e.school_id")))
                    ON CONFLICT (user_id, event_id) DO NOTHING
                    """,
                arguments: SQLArguments(
                    [userID, userID, since.formatted(.iso8601), userID] + ClassMembership.groupsOfUserArguments(viewer, school: nil)))
            return db.changesCount
        }
    }

    func markRead(userID: String, schoolID: String, eventID: Int64?, at: Date) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE event_recipients SET read_at = ? WHERE user_id = ? AND school_id = ? AND read_at IS NULL AND (CAST(? AS BIGINT) IS NULL OR event_id = ?)
                    """, arguments: [at.formatted(.iso8601), userID, schoolID, eventID, eventID])
        }
    }

    func settle(pluginID: String, schoolID: String, key: String) throws -> Int {
        try database.write { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM events WHERE plugin_id = ? AND school_id = ? AND idempotency_key = ?",
                    arguments: [pluginID, schoolID, key])
            else { return 0 }
            try db.execute(sql: "DELETE FROM event_recipients WHERE event_id = ?", arguments: [id])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM event_groups WHERE event_id = ?", arguments: [id])
            return removed
        }
    }
}
