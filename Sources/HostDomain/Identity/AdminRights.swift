// AdminRights: which schools a user administers (platform, authority or school admin).
import GRDB
import HostStorage

/// A user's admin functions, resolved to the schools they cover.
package struct AdminRights: Sendable, Equatable {
    package let isPlatformAdmin: Bool
    /// Authorities the user administers.
    package let authorityIDs: Set<String>
    /// Every school the user administers, directly or through an authority.
    package let schoolIDs: Set<String>

    package var isAdmin: Bool { isPlatformAdmin || !schoolIDs.isEmpty || !authorityIDs.isEmpty }

    /// The functions `userID` holds.
    package static func load(userID: String, database: SQLiteDatabase) throws -> AdminRights {
        try database.pool.read { db in try load(db, userID: userID) }
    }

    package static func load(_ db: GRDB.Database, userID: String) throws -> AdminRights {
        let rows = try Row.fetchAll(db, sql: "SELECT function, scope_id FROM admin_functions WHERE user_id = ?", arguments: [userID])
        let platform = rows.contains { $0["function"] as String == "platform" }
        let authorities = Set(rows.filter { $0["function"] as String == "authority" }.map { $0["scope_id"] as String })
        var schools = Set(rows.filter { $0["function"] as String == "school" }.map { $0["scope_id"] as String })
        if !authorities.isEmpty {
            schools.formUnion(
                try String.fetchAll(
                    db, sql: "SELECT id FROM schools WHERE authority_id IN (\(sqlPlaceholders(authorities.count)))",
                    arguments: StatementArguments(Array(authorities))))
        }
        return AdminRights(isPlatformAdmin: platform, authorityIDs: authorities, schoolIDs: schools)
    }

    package func administers(school schoolID: String) -> Bool {
        isPlatformAdmin || schoolIDs.contains(schoolID)
    }

    /// Whether this admin administers the authority `authorityID` (as a platform or an authority admin).
    package func administers(authority authorityID: String) -> Bool {
        isPlatformAdmin || authorityIDs.contains(authorityID)
    }

    /// Whether this admin administers a school the user currently belongs to: enough to help
    /// with their account (a reset code, ending their sessions).
    package func reaches(user userID: String, _ db: GRDB.Database) throws -> Bool {
        if isPlatformAdmin { return true }
        let schools = try String.fetchAll(
            db, sql: "SELECT school_id FROM user_schools WHERE user_id = ? AND detached_at IS NULL", arguments: [userID])
        return schools.contains { schoolIDs.contains($0) }
    }

    /// ``administers(user:_:)``, in a read of its own.
    package func administers(user userID: String, database: SQLiteDatabase) throws -> Bool {
        try database.pool.read { db in try administers(user: userID, db) }
    }

    /// Whether this admin may act on `userID` for good (anonymize): the user belongs (or belonged) to a school the
    /// admin covers, and is attached to no school outside the admin's reach.
    package func administers(user userID: String, _ db: GRDB.Database) throws -> Bool {
        if isPlatformAdmin { return true }
        let memberships = try Row.fetchAll(
            db, sql: "SELECT school_id, detached_at FROM user_schools WHERE user_id = ?", arguments: [userID])
        guard memberships.contains(where: { schoolIDs.contains($0["school_id"]) }) else { return false }
        return memberships.allSatisfy { schoolIDs.contains($0["school_id"]) || $0["detached_at"] as String? != nil }
    }
}
