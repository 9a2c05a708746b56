// SessionStore: server-side sessions with idle and absolute timeouts, rotation and revocation.
import CartableText
import Crypto
import Foundation
import HostStorage

/// Sessions live in the database, so every host process behind a proxy sees the same ones.
/// The browser holds a random 256-bit token; the table keeps only its SHA-256, so a copy of
/// the database opens no session. Each session carries its own CSRF token.
package struct SessionStore: Sendable {
    package let storage: any SessionsStorage
    package var idleTimeout: TimeInterval = 2 * 3600
    package var absoluteTimeout: TimeInterval = 12 * 3600
    /// `last_seen_at` is written at most this often, to keep reads read-only.
    package var touchInterval: TimeInterval = 60
    package let now: @Sendable () -> Date

    package init(storage: any SessionsStorage, now: @escaping @Sendable () -> Date = Date.init) {
        self.storage = storage
        self.now = now
    }

    package init(database: HostDatabase, now: @escaping @Sendable () -> Date = Date.init) {
        self.init(storage: database.sessions, now: now)
    }

    package typealias Session = SessionRecord
    package typealias CachedActions = SessionActions

    /// Opens a session for a user who just logged in, revoking `previousToken` (rotation):
    /// the token a browser held before login never becomes an authenticated one.
    package func open(
        userID: String, schoolID: String?, address: String?, replacing previousToken: String? = nil
    ) throws -> (token: String, session: Session) {
        let token = Self.randomToken(), csrf = Self.randomToken()
        let date = Date(timeIntervalSince1970: now().timeIntervalSince1970)
        let session = Session(userID: userID, schoolID: schoolID, csrfToken: csrf, createdAt: date)
        try storage.open(tokenHash: Self.hash(token), session, address: address, revoking: previousToken.map(Self.hash))
        return (token, session)
    }

    /// The live session of a token: not revoked, not idle too long, not too old.
    package func find(token: String) throws -> Session? {
        try resolve(token: token) { session, _ in session }
    }

    /// Finds the live session of a token and, in the same read, derives what the caller
    /// needs from it (the identity); `last_seen_at` is touched afterwards when due.
    package func resolve<Value>(token: String, _ derive: (Session, any IdentityReader) throws -> Value?) throws -> Value? {
        guard token.utf8.count == 43 else { return nil }
        let date = now().timeIntervalSince1970
        let key = Self.hash(token)
        let found = try storage.resolve(tokenHash: key) { found, reader -> (Value, Bool)? in
            guard !found.isRevoked, found.accountState == "active", date - found.lastSeenAt < idleTimeout,
                date - found.session.createdAt.timeIntervalSince1970 < absoluteTimeout
            else { return nil }
            guard let value = try derive(found.session, reader) else { return nil }
            return (value, date - found.lastSeenAt >= touchInterval)
        }
        guard let (value, stale) = found else { return nil }
        if stale { try storage.touch(tokenHash: key, at: date) }
        return value
    }

    /// Ends one session (logout).
    package func revoke(token: String) throws {
        try storage.revoke(tokenHash: Self.hash(token), at: now())
    }

    /// Ends every session of a user (an admin's revocation, a blocked account), and every
    /// token their single sign-on gave tools, audited; returns how many sessions.
    /// `actor` is the admin, nil from the command line.
    @discardableResult
    package func revokeAll(userID: String, by actor: String? = nil, address: String? = nil) throws -> Int {
        let date = now()
        return try storage.revokeAll(userID: userID, at: date) { count in
            AuditEntry(at: date, action: "sessions.revoke", actor: actor, target: userID, detail: "\(count)", address: address)
        }
    }

    /// Moves a session to another of the user's schools; the child in view is chosen again there.
    package func switchSchool(token: String, to schoolID: String) throws {
        try storage.switchSchool(tokenHash: Self.hash(token), to: schoolID)
    }

    /// Keeps the actions just computed for a session, with the school and grants version they hold for.
    package func saveActions(token: String, _ cached: CachedActions) throws {
        try storage.saveActions(tokenHash: Self.hash(token), cached)
    }

    /// Sets the child a parent's session looks at (the caller checked the link).
    package func switchChild(token: String, to childID: String) throws {
        try storage.switchChild(tokenHash: Self.hash(token), to: childID)
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
