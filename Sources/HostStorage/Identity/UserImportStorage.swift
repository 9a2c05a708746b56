// UserImportStorage: what a user import reads and writes — accounts by external id, attachments, classes, parent links — in one transaction.
import Foundation

/// An account the directory knows by its external id, as an import compares it.
package struct ImportedAccount: Sendable, Equatable {
    package let id: String
    package let externalID: String
    package let login: String
    package let firstName: String
    package let lastName: String
    package let profile: String
    package let email: String?
    package let birthDate: String?

    package init(
        id: String, externalID: String, login: String, firstName: String, lastName: String, profile: String, email: String?,
        birthDate: String?
    ) {
        self.id = id
        self.externalID = externalID
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.profile = profile
        self.email = email
        self.birthDate = birthDate
    }
}

/// The names of a new account, its profile and contact data, as an import line gives them.
package struct ImportedPerson: Sendable, Equatable {
    package let firstName: String
    package let lastName: String
    package let displayName: String
    package let profile: String
    package let email: String?
    package let birthDate: String?

    package init(firstName: String, lastName: String, displayName: String, profile: String, email: String?, birthDate: String?) {
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.profile = profile
        self.email = email
        self.birthDate = birthDate
    }
}

/// What an import checks before writing, in one read.
package protocol ImportReads {
    /// The school of `uai` (upper case).
    func school(uai: String) throws -> SchoolRecord?
    func userID(externalID: String) throws -> String?
    /// Every school the user belongs or belonged to.
    func schoolIDs(ofUser userID: String) throws -> [String]
    /// The profile of the account of `externalID`; with `school`, only if attached to it now.
    func profile(externalID: String, attachedTo schoolID: String?) throws -> String?
}

/// What an import writes, inside its transaction.
package protocol ImportTransaction: ImportReads {
    /// Every account with an external id.
    func accountsWithExternalID() throws -> [ImportedAccount]
    /// The users attached now to a school not in `schoolIDs`.
    func usersAttached(outside schoolIDs: [String]) throws -> Set<String>
    func logins() throws -> [String]
    /// The school's current members with their profiles.
    func members(school schoolID: String) throws -> [(userID: String, profile: String)]
    func classes(school schoolID: String) throws -> [(id: String, name: String)]
    func classMemberships(school schoolID: String) throws -> [(userID: String, classID: String)]
    /// A new pending account with its activation code; `at` and `codeExpiresAt` are ISO 8601.
    func insertAccount(
        id: String, externalID: String, login: String, _ person: ImportedPerson, activationCode: String, codeExpiresAt: String, at: String
    ) throws
    /// New names, profile and contact data; the display name follows the names unless the person chose another.
    func updateAccount(id: String, _ person: ImportedPerson, at: String) throws
    /// Attaches the user to the school, again if they had left it.
    func attach(userID: String, school schoolID: String) throws
    func addToClass(userID: String, classID: String) throws
    func removeFromClass(userID: String, classID: String) throws
    /// The class of that name in the school, created with `groups` when missing; its level set when given. Returns its id.
    func ensureClass(school schoolID: String, name: String, level: String?, groups: [ProfileGroupName]) throws -> String
    /// The parent links whose child is or was attached to the school.
    func parentLinks(school schoolID: String) throws -> [(parentID: String, childID: String)]
    func link(parentID: String, childID: String) throws
    func unlink(parentID: String, childID: String) throws
    /// Detaches the user from the school at `at` (ISO 8601) and removes what the school shared with them.
    func detach(userID: String, school schoolID: String, at: String) throws
    /// An account's external id, login and display name.
    func summary(userID: String) throws -> (externalID: String?, login: String, displayName: String)?
    func record(_ audit: AuditEntry) throws
}

package protocol UserImportStorage: Sendable {
    /// Runs `body` in one read.
    func checking<Value>(_ body: (any ImportReads) throws -> Value) throws -> Value
    /// Runs `body` in one transaction, committed when it says so (a dry run does not).
    func importing<Value>(_ body: (any ImportTransaction) throws -> (value: Value, commit: Bool)) throws -> Value
}

extension HostDatabase {
    /// The directory as user imports change it, in this database.
    package var userImports: any UserImportStorage { SQLUserImportStorage(database: self) }
}
