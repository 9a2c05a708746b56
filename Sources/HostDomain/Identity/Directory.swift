// Directory: authorities, schools, classes and their profile groups in the host database.
import Foundation
import HostStorage

/// Reads and writes the directory's structure. Users come in through ``UserImport``.
package struct Directory: Sendable {
    package let database: HostDatabase

    package init(database: HostDatabase) {
        self.database = database
    }

    package typealias School = SchoolRecord

    var structure: any DirectoryStructureStorage { database.directoryStructure }

    /// Creates an authority; returns its id.
    @discardableResult
    package func createAuthority(name: String, actor: String? = nil) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AccessRefusal(key: "refusal.authority_name") }
        let id = UUID().uuidString.lowercased(), date = Date()
        try structure.createAuthority(
            id: id, name: trimmed, at: date,
            audit: AuditEntry(at: date, action: "authority.create", actor: actor, target: id, detail: trimmed))
        return id
    }

    /// Creates a school of `authority` (an id or an exact name); returns it.
    @discardableResult
    package func createSchool(uai: String, name: String, authority: String, pilot: Bool = false, actor: String? = nil) throws -> School {
        let code = uai.uppercased()
        guard Self.isUAI(code) else { throw AccessRefusal(key: "refusal.uai_invalid", uai) }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AccessRefusal(key: "refusal.school_name", code) }
        let date = Date()
        let created = try structure.createSchool(
            id: UUID().uuidString.lowercased(), uai: code, name: trimmed, pilot: pilot, authority: authority, at: date,
            groups: Profile.schoolGroups
        ) { school in
            AuditEntry(at: date, action: "school.create", actor: actor, target: code, detail: trimmed, school: school.id)
        }
        switch created {
        case .created(let school): return school
        case .noAuthority: throw AccessRefusal(key: "refusal.no_authority", authority)
        case .uaiTaken: throw AccessRefusal(key: "refusal.uai_exists", code)
        }
    }

    package func userID(login: String) throws -> String? {
        try structure.userID(login: login.lowercased())
    }

    /// The name a user shows under, or nil for no such user.
    package func displayName(userID: String) throws -> String? {
        try structure.displayName(userID: userID)
    }

    /// The schools a user is attached to (not detached).
    package func schools(ofUser userID: String) throws -> [School] {
        try structure.schools(ofUser: userID)
    }

    package func school(uai: String) throws -> School? {
        try structure.school(uai: uai.uppercased())
    }

    static func isUAI(_ code: String) -> Bool {
        code.count == 8 && code.prefix(7).allSatisfy(\.isASCII) && code.prefix(7).allSatisfy(\.isNumber)
            && code.last.map { $0.isASCII && $0.isUppercase } == true
    }

    static func now() -> String { Date().formatted(.iso8601) }
}

extension Profile {
    /// The automatic groups every school and every class has, one per profile.
    static let schoolGroups = allCases.map { ProfileGroupName(profile: $0.rawValue, name: $0.groupName) }

    /// The automatic groups of a class ("Enseignants — 4e B").
    static func classGroups(_ className: String) -> [ProfileGroupName] {
        allCases.map { ProfileGroupName(profile: $0.rawValue, name: "\($0.groupName) — \(className)") }
    }

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
