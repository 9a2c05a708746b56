// Directory: authorities, schools, classes and their profile groups in the host database.
import Foundation
import GRDB
import HostStorage

/// Reads and writes the directory's structure. Users come in through ``UserImport``.
package struct Directory: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    package typealias School = SchoolRecord

    /// Creates an authority; returns its id.
    @discardableResult
    package func createAuthority(name: String, actor: String? = nil) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AccessRefusal(key: "refusal.authority_name") }
        let id = UUID().uuidString.lowercased()
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO authorities (id, name, created_at) VALUES (?, ?, ?)", arguments: [id, trimmed, Self.now()])
            try AuditLog.record(db, at: Date(), action: "authority.create", actor: actor, target: id, detail: trimmed)
        }
        return id
    }

    /// Creates a school of `authority` (an id or an exact name); returns it.
    @discardableResult
    package func createSchool(uai: String, name: String, authority: String, pilot: Bool = false, actor: String? = nil) throws -> School {
        let code = uai.uppercased()
        guard Self.isUAI(code) else { throw AccessRefusal(key: "refusal.uai_invalid", uai) }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AccessRefusal(key: "refusal.school_name", code) }
        return try database.pool.write { db in
            guard
                let authorityID = try String.fetchOne(
                    db, sql: "SELECT id FROM authorities WHERE id = ? OR name = ?", arguments: [authority, authority])
            else {
                throw AccessRefusal(key: "refusal.no_authority", authority)
            }
            guard try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = ?", arguments: [code]) == nil else {
                throw AccessRefusal(key: "refusal.uai_exists", code)
            }
            let school = School(id: UUID().uuidString.lowercased(), uai: code, name: trimmed, authorityID: authorityID, pilot: pilot)
            try db.execute(
                sql: "INSERT INTO schools (id, uai, name, authority_id, pilot, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [school.id, code, trimmed, authorityID, pilot, Self.now()])
            for profile in Profile.allCases {
                try Self.ensureProfileGroup(db, schoolID: school.id, classID: nil, className: nil, profile: profile)
            }
            try AuditLog.record(db, at: Date(), action: "school.create", actor: actor, target: code, detail: trimmed, school: school.id)
            return school
        }
    }

    package func userID(login: String) throws -> String? {
        try database.pool.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login.lowercased()])
        }
    }

    /// The name a user shows under, or nil for no such user.
    package func displayName(userID: String) throws -> String? {
        try database.pool.read { db in try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [userID]) }
    }

    /// The schools a user is attached to (not detached).
    package func schools(ofUser userID: String) throws -> [School] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.uai, s.name, s.authority_id, s.pilot FROM schools s JOIN user_schools us ON us.school_id = s.id
                    WHERE us.user_id = ? AND us.detached_at IS NULL ORDER BY s.name
                    """, arguments: [userID]
            ).map(School.init(row:))
        }
    }

    package func school(uai: String) throws -> School? {
        try database.pool.read { db in try Self.school(db, uai: uai) }
    }

    package static func school(_ db: GRDB.Database, uai: String) throws -> School? {
        try Row.fetchOne(db, sql: "SELECT id, uai, name, authority_id, pilot FROM schools WHERE uai = ?", arguments: [uai.uppercased()])
            .map(School.init(row:))
    }

    package static func school(_ db: GRDB.Database, id: String) throws -> School? {
        try Row.fetchOne(db, sql: "SELECT id, uai, name, authority_id, pilot FROM schools WHERE id = ?", arguments: [id]).map(
            School.init(row:))
    }

    /// Creates the class if missing, with its profile groups; returns its id.
    static func ensureClass(_ db: GRDB.Database, schoolID: String, name: String, level: String?) throws -> String {
        if let id = try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM classes WHERE school_id = ? AND name = ?"), arguments: [schoolID, name])
        {
            if let level {
                try db.execute(sql: "UPDATE classes SET level = ? WHERE id = ? AND ifnull(level, '') != ?", arguments: [level, id, level])
            }
            return id
        }
        let id = UUID().uuidString.lowercased()
        try db.cachedStatement(sql: "INSERT INTO classes (id, school_id, name, level) VALUES (?, ?, ?, ?)").execute(arguments: [
            id, schoolID, name, level,
        ])
        for profile in Profile.allCases {
            try ensureProfileGroup(db, schoolID: schoolID, classID: id, className: name, profile: profile)
        }
        return id
    }

    /// The automatic group of a profile in a school or a class ("Enseignants de 4e B").
    static func ensureProfileGroup(_ db: GRDB.Database, schoolID: String, classID: String?, className: String?, profile: Profile) throws {
        let name = className.map { "\(profile.groupName) — \($0)" } ?? profile.groupName
        try db.cachedStatement(
            sql: """
                INSERT INTO groups (id, school_id, class_id, kind, profile, name) VALUES (?, ?, ?, 'profile', ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [UUID().uuidString.lowercased(), schoolID, classID, profile.rawValue, name])
    }

    static func isUAI(_ code: String) -> Bool {
        code.count == 8 && code.prefix(7).allSatisfy(\.isASCII) && code.prefix(7).allSatisfy(\.isNumber)
            && code.last.map { $0.isASCII && $0.isUppercase } == true
    }

    static func now() -> String { Date().formatted(.iso8601) }
}

extension Profile {
    /// The name of the profile's automatic groups.
    var groupName: String {
        switch self {
        case .student: "Élèves"
        case .teacher: "Enseignants"
        case .relative: "Parents"
        case .personnel: "Personnels"
        case .guest: "Invités"
        }
    }
}

package struct DirectoryError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}
