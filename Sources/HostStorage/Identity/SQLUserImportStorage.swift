// SQLUserImportStorage: the users, user_schools, classes and parent_links statements of an import, on both engines.
import Foundation

struct SQLUserImportStorage: UserImportStorage {
    let database: HostDatabase

    func checking<Value>(_ body: (any ImportReads) throws -> Value) throws -> Value {
        try database.read { db in try body(SQLImportTransaction(db: db)) }
    }

    func importing<Value>(_ body: (any ImportTransaction) throws -> (value: Value, commit: Bool)) throws -> Value {
        try database.transaction { db in try body(SQLImportTransaction(db: db)) }
    }
}

/// One import's statements, each prepared once for the import and kept by a small key: a large
/// file runs them 100,000s of times, and looking a statement up by its SQL text each time shows.
private final class SQLImportTransaction: ImportTransaction {
    let db: any SQLSession
    private var prepared: [Key: SQLStatement] = [:]

    private enum Key {
        case userByExternalID, schoolsOfUser, insertAccount, updateAccount, attach, addToClass, removeFromClass, classByName
        case insertClass, link, unlink, detach, unshare
    }

    init(db: any SQLSession) {
        self.db = db
    }

    private func statement(_ key: Key, _ sql: String) throws -> SQLStatement {
        if let statement = prepared[key] { return statement }
        let statement = try db.cachedStatement(sql: sql)
        prepared[key] = statement
        return statement
    }

    func school(uai: String) throws -> SchoolRecord? { try DirectoryGroupsSQL.school(db, uai: uai) }

    func userID(externalID: String) throws -> String? {
        try String.fetchOne(statement(.userByExternalID, "SELECT id FROM users WHERE external_id = ?"), arguments: [externalID])
    }

    func schoolIDs(ofUser userID: String) throws -> [String] {
        try String.fetchAll(statement(.schoolsOfUser, "SELECT school_id FROM user_schools WHERE user_id = ?"), arguments: [userID])
    }

    func profile(externalID: String, attachedTo schoolID: String?) throws -> String? {
        guard let schoolID else {
            return try String.fetchOne(db, sql: "SELECT profile FROM users WHERE external_id = ?", arguments: [externalID])
        }
        return try String.fetchOne(
            db,
            sql: """
                SELECT u.profile FROM users u JOIN user_schools us ON us.user_id = u.id
                WHERE u.external_id = ? AND us.school_id = ? AND us.detached_at IS NULL
                """, arguments: [externalID, schoolID])
    }

    func accountsWithExternalID() throws -> [ImportedAccount] {
        try SQLRow.fetchAll(
            db,
            sql: "SELECT id, external_id, login, first_name, last_name, profile, email, birth_date FROM users WHERE external_id IS NOT NULL"
        ).map {
            ImportedAccount(
                id: $0["id"], externalID: $0["external_id"], login: $0["login"], firstName: $0["first_name"], lastName: $0["last_name"],
                profile: $0["profile"], email: $0["email"], birthDate: $0["birth_date"])
        }
    }

    func usersAttached(outside schoolIDs: [String]) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT user_id FROM user_schools WHERE detached_at IS NULL AND school_id NOT IN (\(sqlPlaceholders(schoolIDs.count)))
                    """, arguments: SQLArguments(schoolIDs)))
    }

    func logins() throws -> [String] { try String.fetchAll(db, sql: "SELECT login FROM users") }

    func members(school schoolID: String) throws -> [(userID: String, profile: String)] {
        try SQLRow.fetchAll(
            db,
            sql: """
                SELECT us.user_id, u.profile FROM user_schools us JOIN users u ON u.id = us.user_id WHERE us.school_id = ? AND us.detached_at IS NULL
                """, arguments: [schoolID]
        ).map { ($0["user_id"], $0["profile"]) }
    }

    func classes(school schoolID: String) throws -> [(id: String, name: String)] {
        try SQLRow.fetchAll(db, sql: "SELECT id, name FROM classes WHERE school_id = ?", arguments: [schoolID]).map {
            ($0["id"], $0["name"])
        }
    }

    func classMemberships(school schoolID: String) throws -> [(userID: String, classID: String)] {
        try SQLRow.fetchAll(
            db, sql: "SELECT uc.user_id, uc.class_id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE c.school_id = ?",
            arguments: [schoolID]
        ).map { ($0["user_id"], $0["class_id"]) }
    }

    func insertAccount(
        id: String, externalID: String, login: String, _ person: ImportedPerson, activationCode: String, codeExpiresAt: String, at: String
    ) throws {
        try statement(
            .insertAccount,
            """
            INSERT INTO users (id, external_id, login, first_name, last_name, display_name, profile, email, birth_date, state,
                               activation_code, activation_expires_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
            """
        ).executeLater(arguments: [
            id, externalID, login, person.firstName, person.lastName, person.displayName, person.profile, person.email, person.birthDate,
            activationCode, codeExpiresAt, at, at,
        ])
    }

    func updateAccount(id: String, _ person: ImportedPerson, at: String) throws {
        try statement(
            .updateAccount,
            """
            UPDATE users SET
                display_name = CASE WHEN display_name = first_name || ' ' || last_name THEN ? ELSE display_name END,
                -- A new address is not confirmed yet.
                email_verified_at = CASE WHEN \(db.dialect.isNotDistinct("email", "?")) THEN email_verified_at ELSE NULL END,
                first_name = ?, last_name = ?, profile = ?, email = ?, birth_date = ?, updated_at = ?
            WHERE id = ?
            """
        ).executeLater(arguments: [
            person.displayName, person.email, person.firstName, person.lastName, person.profile, person.email, person.birthDate, at, id,
        ])
    }

    func attach(userID: String, school schoolID: String) throws {
        try statement(
            .attach,
            """
            INSERT INTO user_schools (user_id, school_id, detached_at) VALUES (?, ?, NULL)
            ON CONFLICT (user_id, school_id) DO UPDATE SET detached_at = NULL
            """
        ).executeLater(arguments: [userID, schoolID])
    }

    func addToClass(userID: String, classID: String) throws {
        try statement(.addToClass, "INSERT INTO user_classes (user_id, class_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .executeLater(arguments: [userID, classID])
    }

    func removeFromClass(userID: String, classID: String) throws {
        try statement(.removeFromClass, "DELETE FROM user_classes WHERE user_id = ? AND class_id = ?").executeLater(arguments: [
            userID, classID,
        ])
    }

    func ensureClass(school schoolID: String, name: String, level: String?, groups: [ProfileGroupName]) throws -> String {
        if let id = try String.fetchOne(
            statement(.classByName, "SELECT id FROM classes WHERE school_id = ? AND name = ?"), arguments: [schoolID, name])
        {
            if let level {
                try db.execute(
                    sql: "UPDATE classes SET level = ? WHERE id = ? AND coalesce(level, '') != ?", arguments: [level, id, level])
            }
            return id
        }
        let id = UUID().uuidString.lowercased()
        try statement(.insertClass, "INSERT INTO classes (id, school_id, name, level) VALUES (?, ?, ?, ?)")
            .executeLater(arguments: [id, schoolID, name, level])
        for group in groups { try DirectoryGroupsSQL.ensureProfileGroup(db, schoolID: schoolID, classID: id, group: group) }
        return id
    }

    func parentLinks(school schoolID: String) throws -> [(parentID: String, childID: String)] {
        try SQLRow.fetchAll(
            db,
            sql: """
                SELECT parent_id, child_id FROM parent_links WHERE child_id IN (SELECT user_id FROM user_schools WHERE school_id = ?)
                """, arguments: [schoolID]
        ).map { ($0["parent_id"], $0["child_id"]) }
    }

    func link(parentID: String, childID: String) throws {
        try statement(.link, "INSERT INTO parent_links (parent_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .executeLater(arguments: [parentID, childID])
    }

    func unlink(parentID: String, childID: String) throws {
        try statement(.unlink, "DELETE FROM parent_links WHERE parent_id = ? AND child_id = ?").executeLater(arguments: [parentID, childID])
    }

    func detach(userID: String, school schoolID: String, at: String) throws {
        try statement(.detach, "UPDATE user_schools SET detached_at = ? WHERE user_id = ? AND school_id = ?")
            .executeLater(arguments: [at, userID, schoolID])
        try statement(.unshare, "DELETE FROM shares WHERE school_id = ? AND target_kind = 'user' AND target_id = ?")
            .executeLater(arguments: [schoolID, userID])
    }

    func summary(userID: String) throws -> (externalID: String?, login: String, displayName: String)? {
        try SQLRow.fetchOne(db, sql: "SELECT external_id, login, display_name FROM users WHERE id = ?", arguments: [userID]).map {
            ($0["external_id"], $0["login"], $0["display_name"])
        }
    }

    func record(_ audit: AuditEntry) throws { try AuditLog.record(db, audit) }
}
