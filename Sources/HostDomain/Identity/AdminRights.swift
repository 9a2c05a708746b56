// AdminRights: which schools a user administers (platform, authority or school admin).
import HostStorage

/// A user's admin functions, resolved to the schools they cover.
package struct AdminRights: Sendable, Equatable {
    package let isPlatformAdmin: Bool
    /// Authorities the user administers.
    package let authorityIDs: Set<String>
    /// Every school the user administers, directly or through an authority.
    package let schoolIDs: Set<String>

    package var isAdmin: Bool { isPlatformAdmin || !schoolIDs.isEmpty || !authorityIDs.isEmpty }

    package init(isPlatformAdmin: Bool, authorityIDs: Set<String>, schoolIDs: Set<String>) {
        self.isPlatformAdmin = isPlatformAdmin
        self.authorityIDs = authorityIDs
        self.schoolIDs = schoolIDs
    }

    package init(_ functions: AdminFunctionSet) {
        self.init(isPlatformAdmin: functions.isPlatform, authorityIDs: functions.authorityIDs, schoolIDs: functions.schoolIDs)
    }

    /// The functions `userID` holds.
    package static func load(userID: String, storage: any AdminReachStorage) throws -> AdminRights {
        AdminRights(try storage.functions(of: userID))
    }

    package static func load(userID: String, database: HostDatabase) throws -> AdminRights {
        try load(userID: userID, storage: database.adminReach)
    }

    package func administers(school schoolID: String) -> Bool {
        isPlatformAdmin || schoolIDs.contains(schoolID)
    }

    /// Whether this admin administers the authority `authorityID` (as a platform or an authority admin).
    package func administers(authority authorityID: String) -> Bool {
        isPlatformAdmin || authorityIDs.contains(authorityID)
    }

    /// Whether this admin may act for good (anonymize) on a person of `memberships`: the
    /// person belongs (or belonged) to a school the admin covers, and is attached to no
    /// school outside the admin's reach.
    package func administers(_ memberships: [SchoolMembership]) -> Bool {
        if isPlatformAdmin { return true }
        guard memberships.contains(where: { schoolIDs.contains($0.schoolID) }) else { return false }
        return memberships.allSatisfy { schoolIDs.contains($0.schoolID) || !$0.isCurrent }
    }

    /// ``administers(_:)`` for `userID`, their memberships read from `storage`.
    package func administers(user userID: String, storage: any AdminReachStorage) throws -> Bool {
        try isPlatformAdmin || administers(storage.memberships(of: userID))
    }

    package func administers(user userID: String, database: HostDatabase) throws -> Bool {
        try administers(user: userID, storage: database.adminReach)
    }
}
