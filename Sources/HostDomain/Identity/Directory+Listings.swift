// Directory+Listings: the lists the console shows — schools, authorities, a school's accounts — each read once.
import Foundation
import GRDB
import HostStorage

extension Directory {
    /// A school with its authority's name, its current members and its school admins.
    package struct SchoolListing: Sendable {
        package let school: School
        package let authority: String
        package let members: Int
        package let admins: [AdminFunctions.Holder]
    }

    /// An authority with how many schools it has and its authority admins.
    package struct AuthorityListing: Sendable {
        package let id: String
        package let name: String
        package let schools: Int
        package let admins: [AdminFunctions.Holder]
    }

    /// One current member of a school, as the accounts page lists them.
    package struct Account: Sendable, Equatable {
        package let id: String
        package let login: String
        package let name: String
        package let profile: String
        /// The member's classes in the school, comma-separated.
        package let classes: String
        package let state: String
    }

    /// Every school, by name.
    package func schools() throws -> [School] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, uai, name, authority_id, pilot FROM schools ORDER BY name").map(School.init(row:))
        }
    }

    /// The school `id`, nil when there is none.
    package func school(id: String) throws -> School? {
        try database.pool.read { db in try Self.school(db, id: id) }
    }

    /// Every authority, by name, as (id, name).
    package func authorityNames() throws -> [(id: String, name: String)] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM authorities ORDER BY name").map {
                (id: $0["id"] as String, name: $0["name"] as String)
            }
        }
    }

    /// Every authority with its school count and admins, by name.
    package func authorityListings() throws -> [AuthorityListing] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT a.id, a.name, (SELECT count(*) FROM schools s WHERE s.authority_id = a.id) AS schools FROM authorities a ORDER BY a.name"
            )
            .map { row in
                AuthorityListing(
                    id: row["id"], name: row["name"], schools: row["schools"],
                    admins: try AdminFunctionsSQL.holders(db, function: AdminFunctions.Function.authority.rawValue, scopeID: row["id"]))
            }
        }
    }

    /// The schools `included` keeps, with their authority, member count and admins, by authority then name.
    package func schoolListings(where included: (School) -> Bool) throws -> [SchoolListing] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.uai, s.name, s.pilot, s.authority_id, a.name AS authority,
                           (SELECT count(*) FROM user_schools us WHERE us.school_id = s.id AND us.detached_at IS NULL) AS members
                    FROM schools s JOIN authorities a ON a.id = s.authority_id ORDER BY a.name, s.name
                    """
            ).map { row in (School(row: row), row) }.filter { included($0.0) }.map { school, row in
                SchoolListing(
                    school: school, authority: row["authority"], members: row["members"],
                    admins: try AdminFunctionsSQL.holders(db, function: AdminFunctions.Function.school.rawValue, scopeID: school.id))
            }
        }
    }

    /// A page of `limit` current members of the school whose login or name contains `query`,
    /// in the class `className` when it is not empty; by profile, then name.
    package func accounts(schoolID: String, query: String, className: String, offset: Int, limit: Int) throws -> [Account] {
        let pattern =
            "%"
            + query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
                of: "_", with: "\\_") + "%"
        return try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.login, u.display_name, u.profile, u.state,
                           (SELECT group_concat(c.name, ', ') FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?) AS classes
                    FROM users u JOIN user_schools us ON us.user_id = u.id
                    WHERE us.school_id = ? AND us.detached_at IS NULL
                      AND (? = '' OR u.login LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')
                      AND (? = '' OR u.id IN (SELECT uc.user_id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE c.school_id = ? AND c.name = ?))
                    ORDER BY u.profile, u.last_name, u.first_name, u.login LIMIT ? OFFSET ?
                    """, arguments: [schoolID, schoolID, query, pattern, pattern, className, schoolID, className, limit, offset]
            ).map {
                Account(
                    id: $0["id"], login: $0["login"], name: $0["display_name"], profile: $0["profile"], classes: $0["classes"] ?? "",
                    state: $0["state"])
            }
        }
    }

    /// The name of the authority `id`, nil when there is none.
    package func authorityName(id: String) throws -> String? {
        try database.pool.read { db in try String.fetchOne(db, sql: "SELECT name FROM authorities WHERE id = ?", arguments: [id]) }
    }

    /// The school a login opens in: that of the user's latest session if they still belong to it, else their first by name.
    package func loginSchool(userID: String) throws -> String? {
        try database.pool.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT us.school_id FROM user_schools us JOIN schools s ON s.id = us.school_id
                    WHERE us.user_id = ? AND us.detached_at IS NULL
                    ORDER BY us.school_id = (SELECT school_id FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1) DESC, s.name
                    LIMIT 1
                    """, arguments: [userID, userID])
        }
    }

    /// The schools `userID` belongs or belonged to, as (id, UAI), by UAI.
    package func schoolsEver(userID: String) throws -> [(id: String, uai: String)] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT s.id, s.uai FROM user_schools us JOIN schools s ON s.id = us.school_id WHERE us.user_id = ? ORDER BY s.uai",
                arguments: [userID]
            ).map { ($0["id"], $0["uai"]) }
        }
    }

    /// The login of the user `id`, nil when there is none.
    package func login(userID: String) throws -> String? {
        try database.pool.read { db in try String.fetchOne(db, sql: "SELECT login FROM users WHERE id = ?", arguments: [userID]) }
    }
}
