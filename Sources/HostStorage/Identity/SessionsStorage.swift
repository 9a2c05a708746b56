// SessionsStorage: what sessions store — tokens by their hash, opened, touched, moved and revoked — and the one read that resolves a request's caller.
import CartableWire
import Foundation

package protocol SessionsStorage: Sendable {
    /// Stores a new session under `tokenHash`, revoking the one of `previousHash` (rotation) in the same transaction.
    func open(tokenHash: String, _ session: SessionRecord, address: String?, revoking previousHash: String?) throws
    /// Finds the session of `tokenHash` and, in the same read, lets `derive` read the caller's identity.
    /// Runs on every request that is not cached: the statements are prepared once per connection.
    func resolve<Value>(tokenHash: String, _ derive: (FoundSession, any IdentityReader) throws -> Value?) throws -> Value?
    /// Notes that the session was used at `at` (seconds since 1970).
    func touch(tokenHash: String, at: TimeInterval) throws
    /// Ends one live session (logout).
    func revoke(tokenHash: String, at: Date) throws
    /// Ends every live session of a user and every token their single sign-on gave tools, with
    /// `audit(endedSessions)` in the same transaction; returns how many sessions it ended.
    func revokeAll(userID: String, at: Date, audit: (Int) -> AuditEntry) throws -> Int
    /// Moves a live session to another school; the child in view is chosen again there.
    func switchSchool(tokenHash: String, to schoolID: String) throws
    /// Sets the child a live session looks at.
    func switchChild(tokenHash: String, to childID: String) throws
    /// Keeps the actions just computed for a session.
    func saveActions(tokenHash: String, _ actions: SessionActions) throws
}

/// The account a session belongs to, as the shell and plugins see it.
package struct IdentityAccount: Sendable, Equatable {
    package let displayName: String
    /// The profile's raw value (`Student`, `Teacher`…).
    package let profile: String
    package let language: String?
    /// Whether the account holds any admin function.
    package let isAdmin: Bool

    package init(displayName: String, profile: String, language: String?, isAdmin: Bool) {
        self.displayName = displayName
        self.profile = profile
        self.language = language
        self.isAdmin = isAdmin
    }
}

/// A person by id and name (a parent's child).
package struct PersonName: Sendable, Equatable {
    package let id: String
    package let displayName: String

    package init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}

/// The reads of a caller's identity, inside the session's read.
package protocol IdentityReader {
    func account(_ userID: String) throws -> IdentityAccount?
    /// The schools the user is attached to, by name, each with its grants version.
    func schools(of userID: String) throws -> [(school: SchoolRecord, grantsVersion: Int)]
    /// The user's classes in the school, by name.
    func classes(of userID: String, school schoolID: String) throws -> [DirectoryClass]
    /// A parent's children attached to the school, not anonymized, by name.
    func children(of parentID: String, school schoolID: String) throws -> [PersonName]
    /// The actions the roles granted to the user's groups in the school hold.
    func grantedActions(userID: String, profile: String, school schoolID: String) throws -> Set<String>
}

extension HostDatabase {
    /// Portal sessions in this database.
    package var sessions: any SessionsStorage { SQLSessionsStorage(database: self) }
}
