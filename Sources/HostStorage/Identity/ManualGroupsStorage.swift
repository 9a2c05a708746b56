// ManualGroupsStorage: what hand-made groups store — a school's manual groups and their members.
import Foundation

/// A group of the school as found by id: its name and kind (`manual` or `profile`).
package struct FoundGroup: Sendable, Equatable {
    package let name: String
    package let kind: String
}

/// A manual group of that name already exists in the school.
package struct GroupNameTaken: Error, Equatable {}

/// Every change moves the school's grants version (a group may hold roles) and records its
/// audit line, in one transaction. `check` sees the group found (nil: not of this school)
/// and refuses by throwing, before anything is written.
package protocol ManualGroupsStorage: Sendable {
    /// Throws ``GroupNameTaken``.
    func create(id: String, schoolID: String, name: String, audit: AuditEntry) throws
    /// Deletes the group with its members, role grants and shares; `audit` gets its name.
    func delete(groupID: String, schoolID: String, check: (FoundGroup?) throws -> Void, audit: (String) -> AuditEntry) throws
    /// Adds the current member of the school with `login`; false (nothing written) when there is none.
    func add(
        login: String, groupID: String, schoolID: String, check: (FoundGroup?) throws -> Void, audit: (String) -> AuditEntry
    ) throws
        -> Bool
    func remove(userID: String, groupID: String, schoolID: String, check: (FoundGroup?) throws -> Void, audit: AuditEntry) throws
}

extension HostDatabase {
    /// Schools' manual groups in this database.
    package var manualGroups: any ManualGroupsStorage { SQLManualGroupsStorage(database: self) }
}

struct SQLManualGroupsStorage: ManualGroupsStorage {
    let database: HostDatabase

    private static func group(_ db: any SQLSession, _ groupID: String, _ schoolID: String) throws -> FoundGroup? {
        try SQLRow.fetchOne(db, sql: "SELECT name, kind FROM groups WHERE id = ? AND school_id = ?", arguments: [groupID, schoolID]).map {
            FoundGroup(name: $0["name"], kind: $0["kind"])
        }
    }

    private static func changed(_ db: any SQLSession, schoolID: String, _ audit: AuditEntry) throws {
        try db.execute(sql: "UPDATE schools SET grants_version = grants_version + 1 WHERE id = ?", arguments: [schoolID])
        try AuditLog.record(db, audit)
    }

    func create(id: String, schoolID: String, name: String, audit: AuditEntry) throws {
        try database.write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM groups WHERE school_id = ? AND kind = 'manual' AND name = ?", arguments: [schoolID, name])
                    == nil
            else { throw GroupNameTaken() }
            try db.execute(
                sql: "INSERT INTO groups (id, school_id, kind, name) VALUES (?, ?, 'manual', ?)", arguments: [id, schoolID, name])
            try Self.changed(db, schoolID: schoolID, audit)
        }
    }

    func delete(groupID: String, schoolID: String, check: (FoundGroup?) throws -> Void, audit: (String) -> AuditEntry) throws {
        try database.write { db in
            let found = try Self.group(db, groupID, schoolID)
            try check(found)
            try db.execute(sql: "DELETE FROM group_members WHERE group_id = ?", arguments: [groupID])
            try db.execute(sql: "DELETE FROM role_grants WHERE group_id = ?", arguments: [groupID])
            try db.execute(sql: "DELETE FROM shares WHERE target_kind = 'group' AND target_id = ?", arguments: [groupID])
            try db.execute(sql: "DELETE FROM groups WHERE id = ?", arguments: [groupID])
            try Self.changed(db, schoolID: schoolID, audit(found?.name ?? ""))
        }
    }

    func add(
        login: String, groupID: String, schoolID: String, check: (FoundGroup?) throws -> Void, audit: (String) -> AuditEntry
    ) throws
        -> Bool
    {
        try database.write { db in
            try check(try Self.group(db, groupID, schoolID))
            guard
                let userID = try String.fetchOne(
                    db,
                    sql: """
                        SELECT u.id FROM users u JOIN user_schools us ON us.user_id = u.id
                        WHERE u.login = ? AND us.school_id = ? AND us.detached_at IS NULL AND u.state != 'anonymized'
                        """, arguments: [login, schoolID])
            else { return false }
            try db.execute(
                sql: "INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [groupID, userID])
            try Self.changed(db, schoolID: schoolID, audit(userID))
            return true
        }
    }

    func remove(userID: String, groupID: String, schoolID: String, check: (FoundGroup?) throws -> Void, audit: AuditEntry) throws {
        try database.write { db in
            try check(try Self.group(db, groupID, schoolID))
            try db.execute(sql: "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", arguments: [groupID, userID])
            try Self.changed(db, schoolID: schoolID, audit)
        }
    }
}
