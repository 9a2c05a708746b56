// SQLSessionsStorage: the sessions table and the identity reads of a request, on both engines.
import CartableWire
import Foundation

struct SQLSessionsStorage: SessionsStorage {
    let database: HostDatabase

    func open(tokenHash: String, _ session: SessionRecord, address: String?, revoking previousHash: String?) throws {
        let stamp = session.createdAt.timeIntervalSince1970
        try database.write { db in
            if let previousHash {
                try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE token_hash = ?", arguments: [stamp, previousHash])
            }
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, user_id, school_id, csrf_token, created_at, last_seen_at, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [tokenHash, session.userID, session.schoolID, session.csrfToken, stamp, stamp, address])
        }
    }

    func resolve<Value>(tokenHash: String, _ derive: (FoundSession, any IdentityReader) throws -> Value?) throws -> Value? {
        try database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT s.user_id, s.school_id, s.child_id, s.csrf_token, s.created_at, s.last_seen_at, s.revoked_at, u.state,
                           s.actions, s.actions_version, s.actions_school_id
                    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?
                    """)
            guard let row = try SQLRow.fetchOne(statement, arguments: [tokenHash]) else { return nil }
            var cached: SessionActions?
            if let list = row["actions"] as String?, let version = row["actions_version"] as Int?,
                let school = row["actions_school_id"] as String?
            {
                cached = SessionActions(actions: Set(list.split(separator: "\n").map(String.init)), schoolID: school, version: version)
            }
            let session = SessionRecord(
                userID: row["user_id"], schoolID: row["school_id"], csrfToken: row["csrf_token"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]), childID: row["child_id"], cachedActions: cached)
            let found = FoundSession(
                session: session, lastSeenAt: row["last_seen_at"], isRevoked: row["revoked_at"] as Double? != nil,
                accountState: row["state"])
            return try derive(found, SQLIdentityReader(db: db))
        }
    }

    func touch(tokenHash: String, at: TimeInterval) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [at, tokenHash])
        }
    }

    func revoke(tokenHash: String, at: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [at.timeIntervalSince1970, tokenHash])
        }
    }

    func revokeAll(userID: String, at: Date, audit: (Int) -> AuditEntry) throws -> Int {
        try database.write { db in
            let count = try SignOutEverywhere.run(db, userID: userID, at: at)
            try AuditLog.record(db, audit(count))
            return count
        }
    }

    func switchSchool(tokenHash: String, to schoolID: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE sessions SET school_id = ?, child_id = NULL WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [schoolID, tokenHash])
        }
    }

    func switchChild(tokenHash: String, to childID: String) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE sessions SET child_id = ? WHERE token_hash = ? AND revoked_at IS NULL", arguments: [childID, tokenHash])
        }
    }

    func saveActions(tokenHash: String, _ actions: SessionActions) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE sessions SET actions = ?, actions_version = ?, actions_school_id = ? WHERE token_hash = ?",
                arguments: [actions.actions.sorted().joined(separator: "\n"), actions.version, actions.schoolID, tokenHash])
        }
    }
}

/// The identity reads within the session's read; every statement is prepared once per connection and cached.
private struct SQLIdentityReader: IdentityReader {
    let db: any SQLSession

    func account(_ userID: String) throws -> IdentityAccount? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT display_name, profile, language, EXISTS (SELECT 1 FROM admin_functions WHERE user_id = users.id) AS is_admin
                FROM users WHERE id = ?
                """)
        return try SQLRow.fetchOne(statement, arguments: [userID]).map {
            IdentityAccount(displayName: $0["display_name"], profile: $0["profile"], language: $0["language"], isAdmin: $0["is_admin"])
        }
    }

    func schools(of userID: String) throws -> [(school: SchoolRecord, grantsVersion: Int)] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT s.id, s.uai, s.name, s.authority_id, s.pilot, s.grants_version FROM schools s JOIN user_schools us ON us.school_id = s.id
                WHERE us.user_id = ? AND us.detached_at IS NULL ORDER BY s.name
                """)
        return try SQLRow.fetchAll(statement, arguments: [userID]).map { (SchoolRecord(row: $0), $0["grants_version"]) }
    }

    func classes(of userID: String, school schoolID: String) throws -> [DirectoryClass] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT c.id, c.name, c.level FROM classes c JOIN user_classes uc ON uc.class_id = c.id
                WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                """)
        return try SQLRow.fetchAll(statement, arguments: [userID, schoolID]).map {
            DirectoryClass(id: $0["id"], name: $0["name"], level: $0["level"])
        }
    }

    func children(of parentID: String, school schoolID: String) throws -> [PersonName] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT u.id, u.display_name FROM parent_links p JOIN users u ON u.id = p.child_id
                JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
                WHERE p.parent_id = ? AND u.state != 'anonymized' ORDER BY u.display_name, u.id
                """)
        return try SQLRow.fetchAll(statement, arguments: [schoolID, parentID]).map {
            PersonName(id: $0["id"], displayName: $0["display_name"])
        }
    }

    func grantedActions(userID: String, profile: String, school schoolID: String) throws -> Set<String> {
        try GrantedActions.compute(db, userID: userID, profile: profile, schoolID: schoolID)
    }
}
