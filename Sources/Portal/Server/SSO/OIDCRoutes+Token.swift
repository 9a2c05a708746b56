// OIDCRoutes+Token: the token endpoint (authorization code with PKCE, refresh token) and client authentication.
import CartableText
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import JWTKit
import PluginRuntime

extension OIDCRoutes {
    func token(_ request: Request) async throws -> Response {
        var request = request
        let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
        let issuer = self.issuer, authorization = request.headers[.authorization]
        let outcome: Result<TokenReply, any Error> = await portal.pool.run {
            Result {
                let client = try Self.authenticateClient(authorization: authorization, form: form, portal: portal)
                let grants = portal.oauthGrants
                let grant: OAuthGrants.Grant, issued: OAuthGrants.Issued
                switch form["grant_type"] ?? "" {
                case "authorization_code":
                    grant = try grants.redeemCode(
                        form["code"] ?? "", clientID: client.id, redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"])
                    try grants.checkStillAllowed(grant, client: client)
                    issued = try grants.issueTokens(for: grant, withRefresh: grant.scope.contains("offline_access"))
                case "refresh_token":
                    (grant, issued) = try grants.refresh(form["refresh_token"] ?? "", clientID: client.id)
                    try grants.checkStillAllowed(grant, client: client)
                case "urn:ietf:params:oauth:grant-type:device_code":
                    grant = try portal.deviceGrants.poll(deviceCode: form["device_code"] ?? "", clientID: client.id)
                    try grants.checkStillAllowed(grant, client: client)
                    issued = try grants.issueTokens(for: grant, withRefresh: grant.scope.contains("offline_access"))
                case "client_credentials":
                    // A tool's server acting for itself: confidential clients only, no user, no ID token.
                    guard !client.isPublic else { throw OAuthError("unauthorized_client", "a public client has no credentials of its own") }
                    let asked = (form["scope"] ?? "").split(separator: " ").map(String.init).filter {
                        $0 != "openid" && $0 != "offline_access"
                    }
                    guard asked.allSatisfy(client.scopes.contains) else {
                        throw OAuthError("invalid_scope", "this client may not ask for that scope")
                    }
                    grant = grants.clientGrant(clientID: client.id, scope: asked)
                    issued = try grants.issueTokens(for: grant, withRefresh: false)
                default:
                    throw OAuthError(
                        "unsupported_grant_type",
                        "grant_type must be authorization_code, refresh_token, client_credentials or the device_code grant")
                }
                return try TokenReply(issued, grant: grant, client: client, portal: portal, issuer: issuer)
            }
        }
        switch outcome {
        case .success(let reply):
            var body: [String: Any] = [
                "access_token": reply.issued.accessToken, "token_type": "Bearer", "expires_in": reply.issued.expiresIn,
                "scope": reply.scope,
            ]
            if let refresh = reply.issued.refreshToken { body["refresh_token"] = refresh }
            if let pending = reply.idToken {
                let keys = portal.signingKeys
                let kid = try await portal.blocking.run {
                    Result { () throws -> String? in
                        try keys.ensureActive(); return try keys.signingKid(.rs256)
                    }
                }.get()
                body["id_token"] = try await keys.collection().sign(pending, kid: kid.map { JWKIdentifier(string: $0) })
            }
            return try Self.json(body, headers: [.cacheControl: "no-store", HTTPField.Name("Pragma")!: "no-cache"])
        case .failure(let error as OAuthError):
            var headers: HTTPFields = [.cacheControl: "no-store"]
            if error.status == 401 { headers[.wwwAuthenticate] = "Basic realm=\"Cartable\"" }
            return try Self.json(
                ["error": error.code, "error_description": error.message], status: .init(code: error.status), headers: headers)
        case .failure(let error):
            throw error
        }
    }

    /// A token response before its ID token is signed (the keys are async).
    struct TokenReply: Sendable {
        let issued: OAuthGrants.Issued
        let scope: String
        let idToken: IDToken?

        init(_ issued: OAuthGrants.Issued, grant: OAuthGrants.Grant, client: SSOClients.Client, portal: Portal, issuer: String) throws {
            self.issued = issued
            scope = grant.scope.joined(separator: " ")
            idToken = try grant.userID.map { userID in
                IDToken(
                    issuer: issuer, clientID: client.id,
                    user: try portal.oidcClaims.claims(userID: userID, schoolID: grant.schoolID, client: client, scope: grant.scope),
                    nonce: grant.nonce, authTime: grant.authTime, accessToken: issued.accessToken, now: Date(),
                    lifetime: OIDCRoutes.idTokenLifetime)
            }
        }
    }

    /// client_secret_basic (the Authorization header) or client_secret_post (form fields); a public client sends only its id.
    static func authenticateClient(authorization: String?, form: [String: String], portal: Portal) throws -> SSOClients.Client {
        var id = form["client_id"], secret = form["client_secret"]
        if let header = authorization, header.lowercased().hasPrefix("basic ") {
            guard
                let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)).map({
                    String(decoding: $0, as: UTF8.self)
                }),
                let colon = decoded.firstIndex(of: ":")
            else { throw OAuthError("invalid_client", "malformed Basic credentials") }
            id = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        let clients = portal.ssoClients
        guard let id, let client = try clients.client(id), !client.disabled, client.kind == "oidc" else {
            throw OAuthError("invalid_client", "unknown or disabled client")
        }
        if client.isPublic { return client }
        guard let secret, try clients.authenticate(id, secret: secret) else { throw OAuthError("invalid_client", "wrong client secret") }
        return client
    }
}
