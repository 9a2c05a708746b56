// Roles: roles of a school, the actions they bundle, and their grants to the school's groups.
import Foundation
import GRDB
import HostStorage

/// Every change bumps the school's `grants_version`, so each session recomputes its
/// actions on its next request, and is audited.
package struct Roles: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Creates a role bundling `actions` in a school; returns its id.
    @discardableResult
    package func create(schoolID: String, name: String, actions: Set<String>, pluginID: String? = nil, by actor: String?) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw AccessRefusal(key: "refusal.role_name") }
        let id = UUID().uuidString.lowercased()
        try database.pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM roles WHERE school_id = ? AND name = ?", arguments: [schoolID, trimmed]) == nil
            else {
                throw AccessRefusal(key: "refusal.role_exists", trimmed)
            }
            try db.execute(
                sql: "INSERT INTO roles (id, school_id, name, plugin_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, schoolID, trimmed, pluginID, Date().formatted(.iso8601)])
            for action in actions.sorted() {
                try db.execute(sql: "INSERT INTO role_actions (role_id, action) VALUES (?, ?)", arguments: [id, action])
            }
            try Self.changed(
                db, schoolID: schoolID, action: "role.create", actor: actor, target: id,
                detail: "\(trimmed): \(actions.sorted().joined(separator: ", "))")
        }
        return id
    }

    /// Grants a role to a group of the same school; with `schoolID`, both must belong to that school.
    package func grant(roleID: String, groupID: String, in schoolID: String? = nil, by actor: String?) throws {
        try database.pool.write { db in
            let schoolID = try Self.sameSchool(db, roleID: roleID, groupID: groupID, expected: schoolID)
            try db.execute(sql: "INSERT OR IGNORE INTO role_grants (role_id, group_id) VALUES (?, ?)", arguments: [roleID, groupID])
            try Self.changed(db, schoolID: schoolID, action: "role.grant", actor: actor, target: roleID, detail: groupID)
        }
    }

    /// Withdraws a role from a group.
    package func revoke(roleID: String, groupID: String, in schoolID: String? = nil, by actor: String?) throws {
        try database.pool.write { db in
            let schoolID = try Self.sameSchool(db, roleID: roleID, groupID: groupID, expected: schoolID)
            try db.execute(sql: "DELETE FROM role_grants WHERE role_id = ? AND group_id = ?", arguments: [roleID, groupID])
            try Self.changed(db, schoolID: schoolID, action: "role.revoke", actor: actor, target: roleID, detail: groupID)
        }
    }

    /// Deletes a role of `schoolID` with its grants.
    package func delete(roleID: String, in schoolID: String, by actor: String?) throws {
        try database.pool.write { db in
            guard
                let name = try String.fetchOne(
                    db, sql: "SELECT name FROM roles WHERE id = ? AND school_id = ?", arguments: [roleID, schoolID])
            else {
                throw AccessRefusal(key: "refusal.no_role", roleID)
            }
            try db.execute(sql: "DELETE FROM role_grants WHERE role_id = ?", arguments: [roleID])
            try db.execute(sql: "DELETE FROM role_actions WHERE role_id = ?", arguments: [roleID])
            try db.execute(sql: "DELETE FROM roles WHERE id = ?", arguments: [roleID])
            try Self.changed(db, schoolID: schoolID, action: "role.delete", actor: actor, target: roleID, detail: name)
        }
    }

    /// The school of a role, after checking the group belongs to the same school (and to `expected` when given).
    private static func sameSchool(_ db: GRDB.Database, roleID: String, groupID: String, expected: String?) throws -> String {
        guard let roleSchool = try String.fetchOne(db, sql: "SELECT school_id FROM roles WHERE id = ?", arguments: [roleID]),
            expected == nil || expected == roleSchool
        else {
            throw AccessRefusal(key: "refusal.no_role", roleID)
        }
        guard let groupSchool = try String.fetchOne(db, sql: "SELECT school_id FROM groups WHERE id = ?", arguments: [groupID]) else {
            throw AccessRefusal(key: "refusal.no_group", groupID)
        }
        guard roleSchool == groupSchool else { throw AccessRefusal(key: "refusal.grant_other_school") }
        return roleSchool
    }

    private static func changed(
        _ db: GRDB.Database, schoolID: String, action: String, actor: String?, target: String, detail: String
    ) throws {
        try db.execute(sql: "UPDATE schools SET grants_version = grants_version + 1 WHERE id = ?", arguments: [schoolID])
        try AuditLog.record(db, at: Date(), action: action, actor: actor, target: target, detail: detail, school: schoolID)
    }
}
