// SQLDirectoryListingsStorage: the console's lists on both engines (schools, authorities, users; group_concat for class names).
import Foundation

struct SQLDirectoryListingsStorage: DirectoryListingsStorage {
    let database: HostDatabase

    func schools() throws -> [SchoolRecord] {
        try database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, uai, name, authority_id, pilot FROM schools ORDER BY name").map(
                SchoolRecord.init(row:))
        }
    }

    func school(id: String) throws -> SchoolRecord? {
        try database.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT id, uai, name, authority_id, pilot FROM schools WHERE id = ?", arguments: [id]).map(
                SchoolRecord.init(row:))
        }
    }

    func authorityNames() throws -> [(id: String, name: String)] {
        try database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, name FROM authorities ORDER BY name").map {
                (id: $0["id"] as String, name: $0["name"] as String)
            }
        }
    }

    func authorityListings() throws -> [AuthorityListingRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql:
                    "SELECT a.id, a.name, (SELECT count(*) FROM schools s WHERE s.authority_id = a.id) AS schools FROM authorities a ORDER BY a.name"
            )
            .map { row in
                AuthorityListingRecord(
                    id: row["id"], name: row["name"], schools: row["schools"],
                    admins: try AdminFunctionsSQL.holders(db, function: "authority", scopeID: row["id"]))
            }
        }
    }

    func schoolListings(where included: (SchoolRecord) -> Bool) throws -> [SchoolListingRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.uai, s.name, s.pilot, s.authority_id, a.name AS authority,
                           (SELECT count(*) FROM user_schools us WHERE us.school_id = s.id AND us.detached_at IS NULL) AS members
                    FROM schools s JOIN authorities a ON a.id = s.authority_id ORDER BY a.name, s.name
                    """
            ).map { row in (SchoolRecord(row: row), row) }.filter { included($0.0) }.map { school, row in
                SchoolListingRecord(
                    school: school, authority: row["authority"], members: row["members"],
                    admins: try AdminFunctionsSQL.holders(db, function: "school", scopeID: school.id))
            }
        }
    }

    func accounts(schoolID: String, query: String, className: String, offset: Int, limit: Int) throws -> [AccountListingRecord] {
        let pattern =
            "%"
            + query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
                of: "_", with: "\\_") + "%"
        return try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.login, u.display_name, u.profile, u.state,
                           (SELECT \(db.dialect.groupConcat("c.name", separator: "', '")) FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?) AS classes
                    FROM users u JOIN user_schools us ON us.user_id = u.id
                    WHERE us.school_id = ? AND us.detached_at IS NULL
                      AND (? = '' OR u.login LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')
                      AND (? = '' OR u.id IN (SELECT uc.user_id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE c.school_id = ? AND c.name = ?))
                    ORDER BY u.profile, u.last_name, u.first_name, u.login LIMIT ? OFFSET ?
                    """, arguments: [schoolID, schoolID, query, pattern, pattern, className, schoolID, className, limit, offset]
            ).map {
                AccountListingRecord(
                    id: $0["id"], login: $0["login"], name: $0["display_name"], profile: $0["profile"], classes: $0["classes"] ?? "",
                    state: $0["state"])
            }
        }
    }

    func authorityName(id: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT name FROM authorities WHERE id = ?", arguments: [id]) }
    }

    func loginSchool(userID: String) throws -> String? {
        try database.read { db in
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

    func schoolsEver(userID: String) throws -> [(id: String, uai: String)] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: "SELECT s.id, s.uai FROM user_schools us JOIN schools s ON s.id = us.school_id WHERE us.user_id = ? ORDER BY s.uai",
                arguments: [userID]
            ).map { ($0["id"], $0["uai"]) }
        }
    }

    func login(userID: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT login FROM users WHERE id = ?", arguments: [userID]) }
    }
}
