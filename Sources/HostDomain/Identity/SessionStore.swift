// SessionStore: server-side sessions with idle and absolute timeouts, rotation and revocation.
import CartableText
import Crypto
import Foundation
import GRDB
import HostStorage

/// Sessions live in the database, so every host process behind a proxy sees the same ones.
/// The browser holds a random 256-bit token; the table keeps only its SHA-256, so a copy of
/// the database opens no session. Each session carries its own CSRF token.
package struct SessionStore: Sendable {
    package let database: SQLiteDatabase
    package var idleTimeout: TimeInterval = 2 * 3600
    package var absoluteTimeout: TimeInterval = 12 * 3600
    /// `last_seen_at` is written at most this often, to keep reads read-only.
    package var touchInterval: TimeInterval = 60
    package let now: @Sendable () -> Date

    package init(database: SQLiteDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    package struct Session: Sendable, Equatable {
        package let userID: String
        package let schoolID: String?
        package let csrfToken: String
        package let createdAt: Date
        /// The child a parent chose to look at; checked against the links on each request.
        package var childID: String? = nil
        /// The actions computed for this session, the school they were computed in and
        /// that school's grants version then; recomputed when either differs.
        package var cachedActions: CachedActions? = nil

        package init(userID: String, schoolID: String?, csrfToken: String, createdAt: Date, childID: String? = nil) {
            self.userID = userID
            self.schoolID = schoolID
            self.csrfToken = csrfToken
            self.createdAt = createdAt
            self.childID = childID
        }
    }

    package struct CachedActions: Sendable, Equatable {
        package let actions: Set<String>
        package let schoolID: String
        package let version: Int

        package init(actions: Set<String>, schoolID: String, version: Int) {
            self.actions = actions
            self.schoolID = schoolID
            self.version = version
        }
    }

    /// Opens a session for a user who just logged in, revoking `previousToken` (rotation):
    /// the token a browser held before login never becomes an authenticated one.
    package func open(
        userID: String, schoolID: String?, address: String?, replacing previousToken: String? = nil
    ) throws -> (token: String, session: Session) {
        let token = Self.randomToken(), csrf = Self.randomToken()
        let stamp = now().timeIntervalSince1970
        let date = Date(timeIntervalSince1970: stamp)
        try database.pool.write { db in
            if let previousToken {
                try db.execute(
                    sql: "UPDATE sessions SET revoked_at = ? WHERE token_hash = ?",
                    arguments: [date.timeIntervalSince1970, Self.hash(previousToken)])
            }
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, user_id, school_id, csrf_token, created_at, last_seen_at, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [Self.hash(token), userID, schoolID, csrf, date.timeIntervalSince1970, date.timeIntervalSince1970, address])
        }
        return (token, Session(userID: userID, schoolID: schoolID, csrfToken: csrf, createdAt: date))
    }

    /// The live session of a token: not revoked, not idle too long, not too old.
    package func find(token: String) throws -> Session? {
        try resolve(token: token) { _, session in session }
    }

    /// Finds the live session of a token and, in the same read, derives what the caller
    /// needs from it (the identity); `last_seen_at` is touched afterwards when due.
    package func resolve<Value>(token: String, _ derive: (GRDB.Database, Session) throws -> Value?) throws -> Value? {
        guard token.utf8.count == 43 else { return nil }
        let date = now().timeIntervalSince1970
        let key = Self.hash(token)
        let found = try database.pool.read { db -> (Value, Bool)? in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT s.user_id, s.school_id, s.child_id, s.csrf_token, s.created_at, s.last_seen_at, s.revoked_at, u.state,
                           s.actions, s.actions_version, s.actions_school_id
                    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?
                    """)
            guard let row = try Row.fetchOne(statement, arguments: [key]) else { return nil }
            let created: Double = row["created_at"], seen: Double = row["last_seen_at"]
            guard row["revoked_at"] as Double? == nil, row["state"] as String == "active",
                date - seen < idleTimeout, date - created < absoluteTimeout
            else { return nil }
            var session = Session(
                userID: row["user_id"], schoolID: row["school_id"], csrfToken: row["csrf_token"],
                createdAt: Date(timeIntervalSince1970: created),
                childID: row["child_id"])
            if let list = row["actions"] as String?, let version = row["actions_version"] as Int?,
                let school = row["actions_school_id"] as String?
            {
                session.cachedActions = CachedActions(
                    actions: Set(list.split(separator: "\n").map(String.init)), schoolID: school, version: version)
            }
            guard let value = try derive(db, session) else { return nil }
            return (value, date - seen >= touchInterval)
        }
        guard let (value, stale) = found else { return nil }
        if stale {
            try database.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [date, key])
            }
        }
        return value
    }

    /// Ends one session (logout).
    package func revoke(token: String) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [now().timeIntervalSince1970, Self.hash(token)])
        }
    }

    /// Ends every session of a user (an admin's revocation, a blocked account), and every
    /// token their single sign-on gave tools, audited; returns how many sessions.
    /// `actor` is the admin, nil from the command line.
    @discardableResult
    package func revokeAll(userID: String, by actor: String? = nil, address: String? = nil) throws -> Int {
        let date = now()
        return try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                arguments: [date.timeIntervalSince1970, userID])
            let count = db.changesCount
            try SSOTokenRevocation.revokeAll(db, userID: userID, now: date)
            try AuditLog.record(db, at: date, action: "sessions.revoke", actor: actor, target: userID, detail: "\(count)", address: address)
            return count
        }
    }

    /// Moves a session to another of the user's schools; the child in view is chosen again there.
    package func switchSchool(token: String, to schoolID: String) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET school_id = ?, child_id = NULL WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [schoolID, Self.hash(token)])
        }
    }

    /// Keeps the actions just computed for a session, with the school and grants version they hold for.
    package func saveActions(token: String, _ cached: CachedActions) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET actions = ?, actions_version = ?, actions_school_id = ? WHERE token_hash = ?",
                arguments: [cached.actions.sorted().joined(separator: "\n"), cached.version, cached.schoolID, Self.hash(token)])
        }
    }

    /// Sets the child a parent's session looks at (the caller checked the link).
    package func switchChild(token: String, to childID: String) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET child_id = ? WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [childID, Self.hash(token)])
        }
    }

    /// 32 random bytes, base64url without padding (43 characters).
    package static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    package static func hash(_ token: String) -> String {
        hexString(SHA256.hash(data: Data(token.utf8)))
    }
}
