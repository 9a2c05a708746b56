// OAuthTokensStorage: what the OpenID provider stores — single-use authorization codes and access and refresh tokens, by hash and family.
import Foundation

/// An authorization code as stored.
package struct AuthorizationCodeRecord: Sendable, Equatable {
    package let clientID: String
    package let userID: String
    package let schoolID: String
    package let redirectURI: String
    /// Space-separated.
    package let scope: String
    package let nonce: String?
    package let codeChallenge: String?
    package let authTime: Date?
    package let expiresAt: Date?
    package let used: Bool

    package init(
        clientID: String, userID: String, schoolID: String, redirectURI: String, scope: String, nonce: String?, codeChallenge: String?,
        authTime: Date?, expiresAt: Date?, used: Bool
    ) {
        self.clientID = clientID
        self.userID = userID
        self.schoolID = schoolID
        self.redirectURI = redirectURI
        self.scope = scope
        self.nonce = nonce
        self.codeChallenge = codeChallenge
        self.authTime = authTime
        self.expiresAt = expiresAt
        self.used = used
    }
}

/// An access or refresh token as stored.
package struct TokenRecord: Sendable, Equatable {
    package let hash: String
    /// `access` or `refresh`.
    package let kind: String
    /// Everything issued from one code shares a family.
    package let family: String
    package let clientID: String
    package let userID: String?
    package let schoolID: String?
    package let scope: String
    package let expiresAt: Date?
    package let used: Bool
    package let revoked: Bool

    package init(
        hash: String, kind: String, family: String, clientID: String, userID: String?, schoolID: String?, scope: String, expiresAt: Date?,
        used: Bool = false, revoked: Bool = false
    ) {
        self.hash = hash
        self.kind = kind
        self.family = family
        self.clientID = clientID
        self.userID = userID
        self.schoolID = schoolID
        self.scope = scope
        self.expiresAt = expiresAt
        self.used = used
        self.revoked = revoked
    }
}

/// What redeeming a code or a token changes, decided by the provider's rules.
package enum GrantChange: Sendable, Equatable {
    case nothing
    /// Spent: a second use is a replay.
    case spend
    /// This token alone stops working.
    case revoke
    /// Every token of the family stops working (a replayed code, a reused refresh token), with the audit line saying why.
    case revokeFamily(AuditEntry?)
}

/// Codes and tokens. Each function is one transaction; a read-decide-write runs the decision inside it.
package protocol OAuthTokensStorage: Sendable {
    func insertCode(hash: String, _ code: AuthorizationCodeRecord) throws
    /// Reads the code of `hash`, lets `decide` say what changes (the code's hash is its family) and what to answer, and applies it.
    func changeCode<Answer>(hash: String, at: Date, _ decide: (AuthorizationCodeRecord) -> (GrantChange, Answer)) throws -> Answer?
    /// Stores tokens created at `at`.
    func insertTokens(_ tokens: [TokenRecord], at: Date) throws
    /// Reads the token of `hash` (of `kind` when given), lets `decide` say what changes, and applies it.
    func changeToken<Answer>(hash: String, kind: String?, at: Date, _ decide: (TokenRecord) -> (GrantChange, Answer)) throws -> Answer?
    /// A valid access token: not revoked, not expired at `now`.
    func accessToken(hash: String, now: Date) throws -> TokenRecord?
    /// Whether `userID` is an active account attached to `schoolID`.
    func isActiveMember(userID: String, schoolID: String) throws -> Bool
}
