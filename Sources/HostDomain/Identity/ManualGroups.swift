// ManualGroups: groups a school admin makes by hand (a choir, a project team), and their members.
import Foundation
import GRDB
import HostStorage

/// Manual groups belong to one school; members must be current members of that school.
/// Every change is audited and bumps the school's `grants_version`, since roles granted to
/// the group change what its members may do.
package struct ManualGroups: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Creates a manual group; returns its id.
    @discardableResult
    package func create(schoolID: String, name: String, by actor: String?) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw AccessRefusal(key: "refusal.group_name") }
        let id = UUID().uuidString.lowercased()
        try database.pool.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM groups WHERE school_id = ? AND kind = 'manual' AND name = ?", arguments: [schoolID, trimmed])
                    == nil
            else {
                throw AccessRefusal(key: "refusal.group_exists", trimmed)
            }
            try db.execute(
                sql: "INSERT INTO groups (id, school_id, kind, name) VALUES (?, ?, 'manual', ?)", arguments: [id, schoolID, trimmed])
            try Self.changed(db, schoolID: schoolID, action: "group.create", actor: actor, target: id, detail: trimmed)
        }
        return id
    }

    /// Deletes a manual group with its memberships and role grants (its members keep their accounts).
    package func delete(groupID: String, schoolID: String, by actor: String?) throws {
        try database.pool.write { db in
            let name = try Self.manualGroup(db, groupID: groupID, schoolID: schoolID)
            try db.execute(sql: "DELETE FROM group_members WHERE group_id = ?", arguments: [groupID])
            try db.execute(sql: "DELETE FROM role_grants WHERE group_id = ?", arguments: [groupID])
            try db.execute(sql: "DELETE FROM shares WHERE target_kind = 'group' AND target_id = ?", arguments: [groupID])
            try db.execute(sql: "DELETE FROM groups WHERE id = ?", arguments: [groupID])
            try Self.changed(db, schoolID: schoolID, action: "group.delete", actor: actor, target: groupID, detail: name)
        }
    }

    /// Adds the user with `login` to the group; they must be a current member of its school.
    package func add(login: String, groupID: String, schoolID: String, by actor: String?) throws {
        try database.pool.write { db in
            _ = try Self.manualGroup(db, groupID: groupID, schoolID: schoolID)
            guard
                let userID = try String.fetchOne(
                    db,
                    sql: """
                        SELECT u.id FROM users u JOIN user_schools us ON us.user_id = u.id
                        WHERE u.login = ? AND us.school_id = ? AND us.detached_at IS NULL AND u.state != 'anonymized'
                        """, arguments: [login.trimmingCharacters(in: .whitespaces).lowercased(), schoolID])
            else { throw AccessRefusal(key: "refusal.not_a_member_login", login) }
            try db.execute(sql: "INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)", arguments: [groupID, userID])
            try Self.changed(db, schoolID: schoolID, action: "group.add", actor: actor, target: groupID, detail: userID)
        }
    }

    /// Removes a member from the group.
    package func remove(userID: String, groupID: String, schoolID: String, by actor: String?) throws {
        try database.pool.write { db in
            _ = try Self.manualGroup(db, groupID: groupID, schoolID: schoolID)
            try db.execute(sql: "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", arguments: [groupID, userID])
            try Self.changed(db, schoolID: schoolID, action: "group.remove", actor: actor, target: groupID, detail: userID)
        }
    }

    /// The name of a manual group of `schoolID`; refuses profile groups and other schools' groups.
    private static func manualGroup(_ db: GRDB.Database, groupID: String, schoolID: String) throws -> String {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT name, kind FROM groups WHERE id = ? AND school_id = ?", arguments: [groupID, schoolID])
        else {
            throw AccessRefusal(key: "refusal.no_group", groupID)
        }
        guard row["kind"] as String == "manual" else { throw AccessRefusal(key: "refusal.profile_group") }
        return row["name"]
    }

    private static func changed(
        _ db: GRDB.Database, schoolID: String, action: String, actor: String?, target: String, detail: String
    ) throws {
        try db.execute(sql: "UPDATE schools SET grants_version = grants_version + 1 WHERE id = ?", arguments: [schoolID])
        try AuditLog.record(db, at: Date(), action: action, actor: actor, target: target, detail: detail, school: schoolID)
    }
}
