// DirectoryStructureStorage: what the directory's structure stores — authorities, schools with their profile groups — and look-ups of accounts.
import Foundation

/// The automatic group of a profile: its raw value and the group's name ("Enseignants").
package struct ProfileGroupName: Sendable, Equatable {
    package let profile: String
    package let name: String

    package init(profile: String, name: String) {
        self.profile = profile
        self.name = name
    }
}

/// What creating a school did.
package enum SchoolCreation: Sendable, Equatable {
    case created(SchoolRecord)
    /// No authority has that id or name.
    case noAuthority
    /// A school already has that UAI.
    case uaiTaken
}

package protocol DirectoryStructureStorage: Sendable {
    /// Stores a new authority, with `audit`.
    func createAuthority(id: String, name: String, at: Date, audit: AuditEntry) throws
    /// Stores a new school of the authority whose id or exact name is `authority`, with one group per
    /// profile in `groups`, and `audit(school)`, in one transaction.
    func createSchool(
        id: String, uai: String, name: String, pilot: Bool, authority: String, at: Date, groups: [ProfileGroupName],
        audit: (SchoolRecord) -> AuditEntry
    ) throws -> SchoolCreation
    /// The id of the account of `login` (lower case).
    func userID(login: String) throws -> String?
    func displayName(userID: String) throws -> String?
    /// The schools a user is attached to (not detached), by name.
    func schools(ofUser userID: String) throws -> [SchoolRecord]
    /// The school of `uai` (upper case).
    func school(uai: String) throws -> SchoolRecord?
}

extension HostDatabase {
    /// The directory's authorities and schools in this database.
    package var directoryStructure: any DirectoryStructureStorage { SQLDirectoryStructureStorage(database: self) }
}
