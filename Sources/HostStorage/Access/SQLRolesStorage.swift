// SQLRolesStorage: the roles' statements on both engines (roles, role_actions, role_grants, the schools' grants version).
import Foundation

extension HostDatabase {
    /// The schools' roles and grants in this database.
    package var roles: any RolesStorage { SQLRolesStorage(database: self) }
}

struct SQLRolesStorage: RolesStorage {
    let database: HostDatabase

    func create(id: String, schoolID: String, name: String, pluginID: String?, actions: [String], at: Date, audit: AuditEntry) throws {
        try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM roles WHERE school_id = ? AND name = ?", arguments: [schoolID, name]) == nil
            else {
                throw RoleNameTaken()
            }
            try db.execute(
                sql: "INSERT INTO roles (id, school_id, name, plugin_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, schoolID, name, pluginID, at.formatted(.iso8601)])
            for action in actions {
                try db.execute(sql: "INSERT INTO role_actions (role_id, action) VALUES (?, ?)", arguments: [id, action])
            }
            try Self.changed(db, schoolID: schoolID, audit)
        }
    }

    func setGrant(
        roleID: String, groupID: String, granted: Bool, check: (_ roleSchool: String?, _ groupSchool: String?) throws -> String,
        audit: (String) -> AuditEntry
    ) throws {
        try database.write { db in
            let roleSchool = try String.fetchOne(db, sql: "SELECT school_id FROM roles WHERE id = ?", arguments: [roleID])
            let groupSchool = try String.fetchOne(db, sql: "SELECT school_id FROM groups WHERE id = ?", arguments: [groupID])
            let schoolID = try check(roleSchool, groupSchool)
            if granted {
                try db.execute(
                    sql: "INSERT INTO role_grants (role_id, group_id) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [roleID, groupID])
            } else {
                try db.execute(sql: "DELETE FROM role_grants WHERE role_id = ? AND group_id = ?", arguments: [roleID, groupID])
            }
            try Self.changed(db, schoolID: schoolID, audit(schoolID))
        }
    }

    func delete(roleID: String, schoolID: String, audit: (String) -> AuditEntry) throws -> Bool {
        try database.write { db in
            guard
                let name = try String.fetchOne(
                    db, sql: "SELECT name FROM roles WHERE id = ? AND school_id = ?", arguments: [roleID, schoolID])
            else { return false }
            try db.execute(sql: "DELETE FROM role_grants WHERE role_id = ?", arguments: [roleID])
            try db.execute(sql: "DELETE FROM role_actions WHERE role_id = ?", arguments: [roleID])
            try db.execute(sql: "DELETE FROM roles WHERE id = ?", arguments: [roleID])
            try Self.changed(db, schoolID: schoolID, audit(name))
            return true
        }
    }

    private static func changed(_ db: any SQLSession, schoolID: String, _ audit: AuditEntry) throws {
        try db.execute(sql: "UPDATE schools SET grants_version = grants_version + 1 WHERE id = ?", arguments: [schoolID])
        try AuditLog.record(db, audit)
    }
}
