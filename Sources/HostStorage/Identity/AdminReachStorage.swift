// AdminReachStorage: what deciding an admin's reach reads — their functions, a person's memberships, an account's state.

/// A user's admin functions, authorities resolved to their schools.
package struct AdminFunctionSet: Sendable, Equatable {
    package let isPlatform: Bool
    package let authorityIDs: Set<String>
    /// The schools administered directly and through the authorities.
    package let schoolIDs: Set<String>

    package init(isPlatform: Bool, authorityIDs: Set<String>, schoolIDs: Set<String>) {
        self.isPlatform = isPlatform
        self.authorityIDs = authorityIDs
        self.schoolIDs = schoolIDs
    }
}

/// A person's attachment to a school, current or left.
package struct SchoolMembership: Sendable, Equatable {
    package let schoolID: String
    package let isCurrent: Bool

    package init(schoolID: String, isCurrent: Bool) {
        self.schoolID = schoolID
        self.isCurrent = isCurrent
    }
}

package protocol AdminReachStorage: Sendable {
    func functions(of userID: String) throws -> AdminFunctionSet
    /// Every school the person belongs or belonged to.
    func memberships(of userID: String) throws -> [SchoolMembership]
    /// The account's display name and whether it was anonymized; nil for no such account.
    func account(_ userID: String) throws -> (displayName: String, isAnonymized: Bool)?
}

extension HostDatabase {
    /// Admin functions and memberships in this database.
    package var adminReach: any AdminReachStorage { SQLAdminReachStorage(database: self) }
}

struct SQLAdminReachStorage: AdminReachStorage {
    let database: HostDatabase

    func functions(of userID: String) throws -> AdminFunctionSet {
        try database.read { db in try AdminReachSQL.functions(db, userID: userID) }
    }

    func memberships(of userID: String) throws -> [SchoolMembership] {
        try database.read { db in try AdminReachSQL.memberships(db, userID: userID) }
    }

    func account(_ userID: String) throws -> (displayName: String, isAnonymized: Bool)? {
        try database.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT display_name, state FROM users WHERE id = ?", arguments: [userID]).map {
                ($0["display_name"], $0["state"] as String == "anonymized")
            }
        }
    }
}

/// The same reads within a transaction that also changes something (anonymization, a session's resolution).
package enum AdminReachSQL {
    package static func functions(_ db: any SQLSession, userID: String) throws -> AdminFunctionSet {
        let rows = try SQLRow.fetchAll(db, sql: "SELECT function, scope_id FROM admin_functions WHERE user_id = ?", arguments: [userID])
        let platform = rows.contains { $0["function"] as String == "platform" }
        let authorities = Set(rows.filter { $0["function"] as String == "authority" }.map { $0["scope_id"] as String })
        var schools = Set(rows.filter { $0["function"] as String == "school" }.map { $0["scope_id"] as String })
        if !authorities.isEmpty {
            schools.formUnion(
                try String.fetchAll(
                    db, sql: "SELECT id FROM schools WHERE authority_id IN (\(sqlPlaceholders(authorities.count)))",
                    arguments: SQLArguments(Array(authorities))))
        }
        return AdminFunctionSet(isPlatform: platform, authorityIDs: authorities, schoolIDs: schools)
    }

    package static func memberships(_ db: any SQLSession, userID: String) throws -> [SchoolMembership] {
        try SQLRow.fetchAll(db, sql: "SELECT school_id, detached_at FROM user_schools WHERE user_id = ?", arguments: [userID]).map {
            SchoolMembership(schoolID: $0["school_id"], isCurrent: ($0["detached_at"] as String?) == nil)
        }
    }
}
