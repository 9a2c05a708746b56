// SQLDirectoryStructureStorage: the authorities, schools and groups statements of the directory, on both engines.
import Foundation

struct SQLDirectoryStructureStorage: DirectoryStructureStorage {
    let database: HostDatabase

    func createAuthority(id: String, name: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO authorities (id, name, created_at) VALUES (?, ?, ?)", arguments: [id, name, at.formatted(.iso8601)])
            try AuditLog.record(db, audit)
        }
    }

    func createSchool(
        id: String, uai: String, name: String, pilot: Bool, authority: String, at: Date, groups: [ProfileGroupName],
        audit: (SchoolRecord) -> AuditEntry
    ) throws -> SchoolCreation {
        try database.write { db in
            guard
                let authorityID = try String.fetchOne(
                    db, sql: "SELECT id FROM authorities WHERE id = ? OR name = ?", arguments: [authority, authority])
            else { return .noAuthority }
            guard try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = ?", arguments: [uai]) == nil else { return .uaiTaken }
            let school = SchoolRecord(id: id, uai: uai, name: name, authorityID: authorityID, pilot: pilot)
            try db.execute(
                sql: "INSERT INTO schools (id, uai, name, authority_id, pilot, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, uai, name, authorityID, pilot, at.formatted(.iso8601)])
            for group in groups {
                try DirectoryGroupsSQL.ensureProfileGroup(db, schoolID: id, classID: nil, group: group)
            }
            try AuditLog.record(db, audit(school))
            return .created(school)
        }
    }

    func userID(login: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login]) }
    }

    func displayName(userID: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [userID]) }
    }

    func schools(ofUser userID: String) throws -> [SchoolRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.uai, s.name, s.authority_id, s.pilot FROM schools s JOIN user_schools us ON us.school_id = s.id
                    WHERE us.user_id = ? AND us.detached_at IS NULL ORDER BY s.name
                    """, arguments: [userID]
            ).map(SchoolRecord.init(row:))
        }
    }

    func school(uai: String) throws -> SchoolRecord? {
        try database.read { db in try DirectoryGroupsSQL.school(db, uai: uai) }
    }
}

/// Statements the directory's structure and the user import share, inside their transactions.
enum DirectoryGroupsSQL {
    static func school(_ db: any SQLSession, uai: String) throws -> SchoolRecord? {
        try SQLRow.fetchOne(db, sql: "SELECT id, uai, name, authority_id, pilot FROM schools WHERE uai = ?", arguments: [uai])
            .map(SchoolRecord.init(row:))
    }

    /// The automatic group of a profile in a school or a class, created once.
    static func ensureProfileGroup(_ db: any SQLSession, schoolID: String, classID: String?, group: ProfileGroupName) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO groups (id, school_id, class_id, kind, profile, name) VALUES (?, ?, ?, 'profile', ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [UUID().uuidString.lowercased(), schoolID, classID, group.profile, group.name])
    }
}
