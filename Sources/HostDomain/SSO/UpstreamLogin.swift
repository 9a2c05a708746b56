// UpstreamLogin: Cartable as the relying party of an external OpenID provider — authorization request, code exchange, ID token verification, account links.
import CartableText
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HostStorage
import JWTKit

/// The login through an upstream provider (code flow with PKCE, state and nonce). The ID
/// token is verified with the provider's JWKS (jwt-kit): issuer, audience, nonce, expiry.
/// An identity is linked to a Cartable account once its owner proves it (password or
/// activation code); after that the provider alone logs them in.
package struct UpstreamLogin: Sendable {
    package struct Endpoints: Decodable, Sendable {
        let issuer: String
        let authorizationEndpoint: String
        let tokenEndpoint: String
        let jwksURI: String

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
        }
    }

    /// The claims Cartable reads from the provider's ID token.
    struct ProviderIDToken: JWTPayload {
        var iss: IssuerClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var sub: SubjectClaim
        var nonce: String?
        var name: String?

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
        }
    }

    package struct Failure: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    let storage: any UpstreamLoginStorage
    package let provider: UpstreamProvider
    /// Where the provider sends the browser back: `<issuer>/auth/upstream/<id>/callback`.
    let callback: String

    package init(storage: any UpstreamLoginStorage, provider: UpstreamProvider, portalIssuer: String) {
        self.storage = storage
        self.provider = provider
        callback = "\(portalIssuer)/auth/upstream/\(provider.id)/callback"
    }

    package init(database: HostDatabase, provider: UpstreamProvider, portalIssuer: String) {
        self.init(storage: database.upstreamLogins, provider: provider, portalIssuer: portalIssuer)
    }

    package func endpoints() async throws -> Endpoints {
        let data = try await Self.get("\(provider.issuer)/.well-known/openid-configuration")
        let endpoints = try JSONDecoder().decode(Endpoints.self, from: data)
        guard endpoints.issuer == provider.issuer else {
            throw Failure(description: "the provider's discovery names issuer \(endpoints.issuer), not \(provider.issuer)")
        }
        return endpoints
    }

    /// The provider's authorization URL for a new login, remembered under its state for ten
    /// minutes, and the value of the cookie that binds the login to the browser that started it.
    package func start(returnTo: String, now: Date = Date()) async throws -> (url: String, binding: String) {
        let endpoints = try await endpoints()
        let state = SessionStore.randomToken(), nonce = SessionStore.randomToken(), verifier = SessionStore.randomToken()
        try storage.insertState(
            state, provider: provider.id,
            UpstreamStateRecord(nonce: nonce, verifier: verifier, returnTo: returnTo, expiresAt: now.addingTimeInterval(600)))
        var components = URLComponents(string: endpoints.authorizationEndpoint)
        let existing = components?.queryItems ?? []
        components?.queryItems =
            existing + [
                URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: provider.clientID),
                URLQueryItem(name: "redirect_uri", value: callback), URLQueryItem(name: "scope", value: provider.scope ?? "openid profile"),
                URLQueryItem(name: "state", value: state), URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: OAuthGrants.s256(verifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        guard let url = components?.url?.absoluteString else {
            throw Failure(description: "the provider's authorization endpoint is not a URL")
        }
        return (url, Self.binding(of: state))
    }

    /// What the starting browser's cookie holds for `state`: its hash, so the cookie alone cannot finish a login.
    package static func binding(of state: String) -> String {
        SessionStore.hash(state)
    }

    /// Whether the browser's cookie was set for this state (compared in constant time).
    package static func isBound(state: String, cookie: String?) -> Bool {
        guard let cookie else { return false }
        return Authenticator.same(binding(of: state), cookie)
    }

    /// Finishes a login: the state must be one this portal started (once), the code is
    /// exchanged, the ID token verified. Returns the provider's subject, its name and where to go back.
    package func finish(code: String, state: String, now: Date = Date()) async throws -> (subject: String, name: String?, returnTo: String)
    {
        guard let started = try storage.takeState(state, provider: provider.id), let expires = started.expiresAt, expires > now else {
            throw Failure(description: "unknown, used or expired state")
        }
        let endpoints = try await endpoints()
        var request = URLRequest(url: try Self.url(endpoints.tokenEndpoint))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(
            formURLEncoded([
                "grant_type": "authorization_code", "code": code, "redirect_uri": callback, "client_id": provider.clientID,
                "client_secret": provider.clientSecret, "code_verifier": started.verifier,
            ]).utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200,
            let body = try JSONSerialization.jsonObject(with: data) as? [String: Any], let idToken = body["id_token"] as? String
        else {
            throw Failure(description: "the provider refused the code: \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        let keys = try await JWTKeyCollection().add(jwksJSON: String(decoding: try await Self.get(endpoints.jwksURI), as: UTF8.self))
        let claims = try await keys.verify(idToken, as: ProviderIDToken.self)
        guard claims.iss.value == provider.issuer, claims.aud.value.contains(provider.clientID), claims.nonce == started.nonce
        else {
            throw Failure(description: "the ID token's issuer, audience or nonce is not this login's")
        }
        return (claims.sub.value, claims.name, started.returnTo)
    }

    /// The Cartable account linked to this provider's subject, if any (and still active).
    package func linkedUser(subject: String) throws -> String? {
        try storage.linkedUser(provider: provider.id, subject: subject)
    }

    /// Remembers an unlinked identity for ten minutes; returns the token its cookie carries.
    package func holdPending(subject: String, name: String?, now: Date = Date()) throws -> String {
        let token = SessionStore.randomToken()
        try storage.holdPending(
            tokenHash: SessionStore.hash(token), provider: provider.id, subject: subject, name: name, expiresAt: now.addingTimeInterval(600)
        )
        return token
    }

    /// The pending identity of a cookie token (any provider).
    package static func pending(
        _ token: String, storage: any UpstreamLoginStorage, now: Date = Date()
    ) throws -> (provider: String, subject: String, name: String?)? {
        try storage.pending(tokenHash: SessionStore.hash(token), now: now)
    }

    /// Links the pending identity to `userID` (who just proved their account) and forgets the pending row.
    package static func link(_ token: String, to userID: String, storage: any UpstreamLoginStorage, now: Date = Date()) throws {
        try storage.link(
            tokenHash: SessionStore.hash(token), to: userID, at: now, audit: AuditEntry(at: now, action: "sso.upstream.link", actor: userID)
        )
    }

    static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw Failure(description: "'\(text)' is not a URL") }
        return url
    }

    static func get(_ text: String) async throws -> Data {
        let (data, response) = try await URLSession.shared.data(from: try url(text))
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw Failure(description: "\(text) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return data
    }
}
