// OAuthGrants: authorization codes and tokens of the OpenID provider — single-use codes with PKCE, rotating refresh tokens, revocation by family.
import Crypto
import Foundation
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

    let storage: any OAuthTokensStorage
    package var codeLifetime: TimeInterval = 60
    package var accessLifetime: TimeInterval = 3_600
    package var refreshLifetime: TimeInterval = 30 * 86_400

    package init(storage: any OAuthTokensStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.oauthTokens)
    }

    private static func scopes(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    /// A code for `client`, valid once for ``codeLifetime``.
    package func issueCode(
        clientID: String, userID: String, schoolID: String, redirectURI: String, scope: [String], nonce: String?,
        codeChallenge: String?, authTime: Date, now: Date = Date()
    ) throws -> String {
        let code = SessionStore.randomToken()
        try storage.insertCode(
            hash: SessionStore.hash(code),
            AuthorizationCodeRecord(
                clientID: clientID, userID: userID, schoolID: schoolID, redirectURI: redirectURI, scope: scope.joined(separator: " "),
                nonce: nonce, codeChallenge: codeChallenge, authTime: authTime, expiresAt: now.addingTimeInterval(codeLifetime), used: false
            ))
        return code
    }

    /// Redeems a code: the client, the redirect URI and the PKCE verifier must match. A second
    /// use revokes everything the first one issued.
    package func redeemCode(_ code: String, clientID: String, redirectURI: String, verifier: String?, now: Date = Date()) throws -> Grant {
        let hash = SessionStore.hash(code)
        // One transaction; a refusal is answered, not thrown, so a replay's revocation commits.
        let outcome = try storage.changeCode(hash: hash, at: now) { row -> (GrantChange, Result<Grant, OAuthError>) in
            if row.used {
                let audit = AuditEntry(at: now, action: "sso.code.replayed", target: row.clientID, detail: "tokens of the code revoked")
                return (
                    .revokeFamily(audit),
                    .failure(OAuthError("invalid_grant", "this authorization code was already used: the tokens it gave are revoked"))
                )
            }
            guard row.clientID == clientID else {
                return (.nothing, .failure(OAuthError("invalid_grant", "the code was issued to another client")))
            }
            guard row.redirectURI == redirectURI else {
                return (.nothing, .failure(OAuthError("invalid_grant", "redirect_uri differs from the authorization request's")))
            }
            guard let expires = row.expiresAt, expires > now else {
                return (.nothing, .failure(OAuthError("invalid_grant", "the authorization code expired")))
            }
            if let challenge = row.codeChallenge {
                guard let verifier, Self.isValidVerifier(verifier), Self.s256(verifier) == challenge else {
                    return (.nothing, .failure(OAuthError("invalid_grant", "code_verifier does not match the code_challenge (PKCE S256)")))
                }
            } else if verifier != nil {
                // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt.
                return (.nothing, .failure(OAuthError("invalid_grant", "code_verifier sent for a code issued without code_challenge")))
            }
            let grant = Grant(
                family: hash, clientID: clientID, userID: row.userID, schoolID: row.schoolID, scope: Self.scopes(row.scope),
                nonce: row.nonce,
                authTime: row.authTime)
            return (.spend, .success(grant))
        }
        guard let outcome else { throw OAuthError("invalid_grant", "unknown authorization code") }
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
        func record(_ token: String, _ kind: String, _ lifetime: TimeInterval) -> TokenRecord {
            TokenRecord(
                hash: SessionStore.hash(token), kind: kind, family: grant.family, clientID: grant.clientID, userID: grant.userID,
                schoolID: grant.schoolID, scope: grant.scope.joined(separator: " "), expiresAt: now.addingTimeInterval(lifetime))
        }
        var tokens = [record(access, "access", accessLifetime)]
        if let refresh { tokens.append(record(refresh, "refresh", refreshLifetime)) }
        try storage.insertTokens(tokens, at: now)
        return Issued(accessToken: access, refreshToken: refresh, expiresIn: Int(accessLifetime))
    }

    /// Rotates a refresh token: it is spent, and new tokens are issued in its family. A spent
    /// token used again revokes the family.
    package func refresh(_ token: String, clientID: String, now: Date = Date()) throws -> (Grant, Issued) {
        // One transaction; a refusal is answered, not thrown, so a reuse's revocation commits.
        let outcome = try storage.changeToken(hash: SessionStore.hash(token), kind: "refresh", at: now) {
            row -> (GrantChange, Result<Grant, OAuthError>) in
            guard row.clientID == clientID else {
                return (.nothing, .failure(OAuthError("invalid_grant", "the refresh token was issued to another client")))
            }
            if row.used {
                let audit = AuditEntry(at: now, action: "sso.refresh.reused", actor: row.userID, target: clientID, detail: "family revoked")
                return (
                    .revokeFamily(audit),
                    .failure(OAuthError("invalid_grant", "this refresh token was already used: every token of this sign-in is revoked"))
                )
            }
            guard !row.revoked, let expires = row.expiresAt, expires > now else {
                return (.nothing, .failure(OAuthError("invalid_grant", "the refresh token is revoked or expired")))
            }
            let grant = Grant(
                family: row.family, clientID: clientID, userID: row.userID, schoolID: row.schoolID, scope: Self.scopes(row.scope),
                nonce: nil,
                authTime: nil)
            return (.spend, .success(grant))
        }
        guard let outcome else { throw OAuthError("invalid_grant", "unknown refresh token") }
        let grant = try outcome.get()
        return (grant, try issueTokens(for: grant, withRefresh: true, now: now))
    }

    /// The grant behind a valid access token.
    package func access(_ token: String, now: Date = Date()) throws -> Grant? {
        try storage.accessToken(hash: SessionStore.hash(token), now: now).map { row in
            Grant(
                family: row.family, clientID: row.clientID, userID: row.userID, schoolID: row.schoolID, scope: Self.scopes(row.scope),
                nonce: nil, authTime: nil)
        }
    }

    /// Revokes a token of `clientID` (RFC 7009); a refresh token takes its family with it.
    package func revoke(_ token: String, clientID: String, now: Date = Date()) throws {
        _ = try storage.changeToken(hash: SessionStore.hash(token), kind: nil, at: now) { row -> (GrantChange, Void) in
            guard row.clientID == clientID else { return (.nothing, ()) }
            return (row.kind == "refresh" ? .revokeFamily(nil) : .revoke, ())
        }
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
        let active = try storage.isActiveMember(userID: userID, schoolID: schoolID)
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
