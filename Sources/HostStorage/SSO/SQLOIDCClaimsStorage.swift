// SQLOIDCClaimsStorage: the claims' look-ups and installation secrets on both engines (users, schools, classes, sso_secrets).

extension HostDatabase {
    /// The facts the OpenID provider releases, and its secrets, in this database.
    package var oidcClaims: any OIDCClaimsStorage { SQLOIDCClaimsStorage(database: self) }
}

struct SQLOIDCClaimsStorage: OIDCClaimsStorage {
    let database: HostDatabase

    func facts(userID: String, schoolID: String?) throws -> ClaimFacts? {
        try database.read { db in
            guard
                let user = try SQLRow.fetchOne(
                    db, sql: "SELECT first_name, last_name, display_name, profile, email FROM users WHERE id = ?", arguments: [userID])
            else { return nil }
            var school: (uai: String, name: String)?
            var classNames: [String] = []
            if let schoolID, let row = try SQLRow.fetchOne(db, sql: "SELECT uai, name FROM schools WHERE id = ?", arguments: [schoolID]) {
                school = (row["uai"], row["name"])
                classNames = try String.fetchAll(
                    db,
                    sql: """
                        SELECT c.name FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                        """, arguments: [userID, schoolID])
            }
            return ClaimFacts(
                firstName: user["first_name"], lastName: user["last_name"], displayName: user["display_name"], profile: user["profile"],
                email: user["email"], school: school, classNames: classNames)
        }
    }

    func secret(_ name: String, make: () -> String) throws -> String {
        if let value = try database.read({ db in
            try String.fetchOne(db, sql: "SELECT value FROM sso_secrets WHERE name = ?", arguments: [name])
        }) {
            return value
        }
        return try database.write { db in
            try db.execute(
                sql: "INSERT INTO sso_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", arguments: [name, make()])
            return try String.fetchOne(db, sql: "SELECT value FROM sso_secrets WHERE name = ?", arguments: [name]) ?? ""
        }
    }
}
