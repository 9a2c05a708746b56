// OAuthGrants: authorization codes and tokens of the OpenID provider — single-use codes with PKCE, rotating refresh tokens, revocation by family.
import Crypto
import Foundation
import GRDB
import HostStorage

/// Codes and tokens are random (32 bytes) and stored as hashes. Everything issued from one
/// code shares a family: a code redeemed twice, or a refresh token used after it was rotated,
/// revokes the whole family (the tokens were probably stolen).
package struct OAuthGrants: Sendable {
    /// What a code or a refresh token stands for.
    package struct Grant: Sendable, Equatable {
        package let family: String
        package let clientID: String
        package let userID: String?
        package let schoolID: String?
        package let scope: [String]
        package let nonce: String?
        package let authTime: Date?
    }

    package struct Issued: Sendable {
        package let accessToken: String
        package let refreshToken: String?
        package let expiresIn: Int
    }

    let database: SQLiteDatabase
    package var codeLifetime: TimeInterval = 60
    package var accessLifetime: TimeInterval = 3_600
    package var refreshLifetime: TimeInterval = 30 * 86_400

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// A code for `client`, valid once for ``codeLifetime``.
    package func issueCode(
        clientID: String, userID: String, schoolID: String, redirectURI: String, scope: [String], nonce: String?,
        codeChallenge: String?, authTime: Date, now: Date = Date()
    ) throws -> String {
        let code = SessionStore.randomToken()
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_codes (code_hash, client_id, user_id, school_id, redirect_uri, scope, nonce, code_challenge, auth_time, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    SessionStore.hash(code), clientID, userID, schoolID, redirectURI, scope.joined(separator: " "), nonce, codeChallenge,
                    authTime.formatted(.iso8601), now.addingTimeInterval(codeLifetime).formatted(.iso8601),
                ])
        }
        return code
    }

    /// Redeems a code: the client, the redirect URI and the PKCE verifier must match. A second
    /// use revokes everything the first one issued.
    package func redeemCode(_ code: String, clientID: String, redirectURI: String, verifier: String?, now: Date = Date()) throws -> Grant {
        let hash = SessionStore.hash(code)
        // One transaction; a refusal is returned, not thrown, so a replay's revocation commits.
        let outcome: Result<Grant, OAuthError> = try database.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sso_codes WHERE code_hash = ?", arguments: [hash]) else {
                return .failure(OAuthError("invalid_grant", "unknown authorization code"))
            }
            if (row["used_at"] as String?) != nil {
                try Self.revokeFamily(db, hash, now: now)
                try AuditLog.record(
                    db, at: now, action: "sso.code.replayed", actor: nil, target: row["client_id"], detail: "tokens of the code revoked")
                return .failure(OAuthError("invalid_grant", "this authorization code was already used: the tokens it gave are revoked"))
            }
            guard row["client_id"] as String == clientID else {
                return .failure(OAuthError("invalid_grant", "the code was issued to another client"))
            }
            guard row["redirect_uri"] as String == redirectURI else {
                return .failure(OAuthError("invalid_grant", "redirect_uri differs from the authorization request's"))
            }
            guard let expires = try? Date(row["expires_at"] as String, strategy: .iso8601), expires > now else {
                return .failure(OAuthError("invalid_grant", "the authorization code expired"))
            }
            if let challenge = row["code_challenge"] as String? {
                guard let verifier, Self.isValidVerifier(verifier), Self.s256(verifier) == challenge else {
                    return .failure(OAuthError("invalid_grant", "code_verifier does not match the code_challenge (PKCE S256)"))
                }
            } else if verifier != nil {
                // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt.
                return .failure(OAuthError("invalid_grant", "code_verifier sent for a code issued without code_challenge"))
            }
            try db.execute(sql: "UPDATE sso_codes SET used_at = ? WHERE code_hash = ?", arguments: [now.formatted(.iso8601), hash])
            return .success(
                Grant(
                    family: hash, clientID: clientID, userID: row["user_id"], schoolID: row["school_id"],
                    scope: (row["scope"] as String).split(separator: " ").map(String.init), nonce: row["nonce"],
                    authTime: try? Date(row["auth_time"] as String, strategy: .iso8601)))
        }
        return try outcome.get()
    }

    /// A server-to-server grant (client_credentials): no user, a family of its own.
    package func clientGrant(clientID: String, scope: [String]) -> Grant {
        Grant(
            family: "client-" + SessionStore.randomToken(), clientID: clientID, userID: nil, schoolID: nil, scope: scope, nonce: nil,
            authTime: nil)
    }

    /// An access token, and a refresh token when `withRefresh`, in `grant`'s family.
    package func issueTokens(for grant: Grant, withRefresh: Bool, now: Date = Date()) throws -> Issued {
        let access = SessionStore.randomToken(), refresh = withRefresh ? SessionStore.randomToken() : nil
        try database.pool.write { db in
            try Self.insert(db, access, kind: "access", grant: grant, now: now, lifetime: accessLifetime)
            if let refresh { try Self.insert(db, refresh, kind: "refresh", grant: grant, now: now, lifetime: refreshLifetime) }
        }
        return Issued(accessToken: access, refreshToken: refresh, expiresIn: Int(accessLifetime))
    }

    /// Rotates a refresh token: it is spent, and new tokens are issued in its family. A spent
    /// token used again revokes the family.
    package func refresh(_ token: String, clientID: String, now: Date = Date()) throws -> (Grant, Issued) {
        let hash = SessionStore.hash(token)
        // One transaction; a refusal is returned, not thrown, so a reuse's revocation commits.
        let outcome: Result<Grant, OAuthError> = try database.pool.write { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT * FROM sso_tokens WHERE token_hash = ? AND kind = 'refresh'", arguments: [hash])
            else {
                return .failure(OAuthError("invalid_grant", "unknown refresh token"))
            }
            guard row["client_id"] as String == clientID else {
                return .failure(OAuthError("invalid_grant", "the refresh token was issued to another client"))
            }
            if (row["used_at"] as String?) != nil {
                try Self.revokeFamily(db, row["family"], now: now)
                try AuditLog.record(
                    db, at: now, action: "sso.refresh.reused", actor: row["user_id"], target: clientID, detail: "family revoked")
                return .failure(OAuthError("invalid_grant", "this refresh token was already used: every token of this sign-in is revoked"))
            }
            guard (row["revoked_at"] as String?) == nil, let expires = try? Date(row["expires_at"] as String, strategy: .iso8601),
                expires > now
            else {
                return .failure(OAuthError("invalid_grant", "the refresh token is revoked or expired"))
            }
            try db.execute(sql: "UPDATE sso_tokens SET used_at = ? WHERE token_hash = ?", arguments: [now.formatted(.iso8601), hash])
            return .success(
                Grant(
                    family: row["family"], clientID: clientID, userID: row["user_id"], schoolID: row["school_id"],
                    scope: (row["scope"] as String).split(separator: " ").map(String.init), nonce: nil, authTime: nil))
        }
        let grant = try outcome.get()
        return (grant, try issueTokens(for: grant, withRefresh: true, now: now))
    }

    /// The grant behind a valid access token.
    package func access(_ token: String, now: Date = Date()) throws -> Grant? {
        try database.pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT * FROM sso_tokens WHERE token_hash = ? AND kind = 'access' AND revoked_at IS NULL AND expires_at > ?
                        """, arguments: [SessionStore.hash(token), now.formatted(.iso8601)])
            else { return nil }
            return Grant(
                family: row["family"], clientID: row["client_id"], userID: row["user_id"], schoolID: row["school_id"],
                scope: (row["scope"] as String).split(separator: " ").map(String.init), nonce: nil, authTime: nil)
        }
    }

    /// Revokes a token of `clientID` (RFC 7009); a refresh token takes its family with it.
    package func revoke(_ token: String, clientID: String, now: Date = Date()) throws {
        try database.pool.write { db in
            let hash = SessionStore.hash(token)
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT kind, family, client_id FROM sso_tokens WHERE token_hash = ?", arguments: [hash]),
                row["client_id"] as String == clientID
            else { return }
            if row["kind"] as String == "refresh" {
                try Self.revokeFamily(db, row["family"], now: now)
            } else {
                try db.execute(
                    sql: "UPDATE sso_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                    arguments: [now.formatted(.iso8601), hash])
            }
        }
    }

    static func insert(_ db: GRDB.Database, _ token: String, kind: String, grant: Grant, now: Date, lifetime: TimeInterval) throws {
        try db.execute(
            sql: """
                INSERT INTO sso_tokens (token_hash, kind, family, client_id, user_id, school_id, scope, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                SessionStore.hash(token), kind, grant.family, grant.clientID, grant.userID, grant.schoolID,
                grant.scope.joined(separator: " "), now.formatted(.iso8601), now.addingTimeInterval(lifetime).formatted(.iso8601),
            ])
    }

    /// Revokes every token a user holds, in every tool: their portal sessions ended, or their password was reset.
    package static func revokeAll(_ db: GRDB.Database, userID: String, now: Date) throws {
        try db.execute(
            sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            arguments: [now.formatted(.iso8601), userID])
    }

    static func revokeFamily(_ db: GRDB.Database, _ family: String, now: Date) throws {
        try db.execute(
            sql: "UPDATE sso_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
            arguments: [now.formatted(.iso8601), family])
    }

    /// RFC 7636: 43 to 128 characters of `[A-Za-z0-9-._~]`.
    static func isValidVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.utf8.count)
            && verifier.utf8.allSatisfy {
                $0.isASCIIAlphanumeric || [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~")].contains($0)
            }
    }

    /// BASE64URL(SHA256(verifier)), the S256 challenge.
    static func s256(_ verifier: String) -> String {
        SigningKeys.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Throws `invalid_grant` unless the grant's user is still an active member of its school
    /// and `client` still open to that school (a grant without a user always passes).
    package func checkStillAllowed(_ grant: Grant, client: SSOClients.Client) throws {
        guard let userID = grant.userID, let schoolID = grant.schoolID else { return }
        let active = try database.pool.read { db in
            try Bool.fetchOne(
                db,
                sql:
                    "SELECT 1 FROM users u JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL WHERE u.id = ? AND u.state = 'active'",
                arguments: [schoolID, userID]) ?? false
        }
        guard active, client.schoolIDs.contains(schoolID) else {
            throw OAuthError("invalid_grant", "the user is no longer allowed to sign in to this tool")
        }
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }
}
