// OIDCRoutes: the OpenID provider — discovery, JWKS, authorization (code + PKCE, consent), token (code, refresh), userinfo.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import JWTKit
import PluginRuntime

/// OpenID Connect Core 1.0 with the authorization code flow. Redirect URIs are matched
/// exactly, and an unregistered one gets an error page, never a redirect. Public clients
/// must use PKCE (S256 only). Third-party tools ask for the user's consent once per scope
/// set. `/oauth2/token` and `/oauth2/revoke` authenticate the client (client_secret_basic
/// or client_secret_post) and are exempt from the portal's CSRF check: no cookie counts there.
struct OIDCRoutes {
    let portal: Portal
    static let idTokenLifetime: TimeInterval = 600

    var issuer: String { portal.configuration.issuer }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/.well-known/openid-configuration") { _, _ in
            try Self.json(discovery())
        }
        // The signing keys' public halves (RS256 and ES256, with their kid), retired ones included until they expire.
        router.get("/oauth2/jwks") { _, _ in
            let keys = portal.signingKeys
            let document = try await portal.blocking.run {
                Result { () throws -> String in
                    try keys.ensureActive()
                    return try keys.jwks()
                }
            }.get()
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(string: document)))
        }
        router.get("/oauth2/authorize") { request, context in
            try await authorize(parseFormURLEncoded(request.uri.query ?? ""), request: request, context: context, decision: nil)
        }
        // The consent form posts back here with the same parameters and the user's decision.
        router.post("/oauth2/authorize") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            return try await authorize(form, request: request, context: context, decision: form["decision"] == "allow")
        }
        router.post("/oauth2/token") { request, _ in
            try await token(request)
        }
        // RFC 7009: the tool's server revokes a token it holds (a refresh token takes its whole sign-in with it).
        router.post("/oauth2/revoke") { request, _ in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let authorization = request.headers[.authorization]
            let outcome = await portal.pool.run {
                Result {
                    let client = try Self.authenticateClient(authorization: authorization, form: form, portal: portal)
                    try portal.oauthGrants.revoke(form["token"] ?? "", clientID: client.id)
                }
            }
            if case .failure(let error as OAuthError) = outcome {
                return try Self.json(["error": error.code, "error_description": error.message], status: .init(code: error.status))
            }
            try outcome.get()
            return Response(status: .ok, headers: [.cacheControl: "no-store"])
        }
        // RP-initiated logout: ends the portal session, then back to an address the tool registered.
        router.get("/oauth2/logout") { request, context in
            try await endSession(parseFormURLEncoded(request.uri.query ?? ""), context: context, confirmed: false, request: request)
        }
        router.post("/oauth2/logout") { request, context in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            return try await endSession(form, context: context, confirmed: true, request: request)
        }
        router.get("/oauth2/userinfo") { request, _ in
            try await userinfo(request, form: [:])
        }
        router.post("/oauth2/userinfo") { request, _ in
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            return try await userinfo(request, form: form)
        }
    }

    func discovery() -> [String: Any] {
        [
            "issuer": issuer,
            "authorization_endpoint": "\(issuer)/oauth2/authorize",
            "token_endpoint": "\(issuer)/oauth2/token",
            "userinfo_endpoint": "\(issuer)/oauth2/userinfo",
            "jwks_uri": "\(issuer)/oauth2/jwks",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"],
            "device_authorization_endpoint": "\(issuer)/oauth2/device_authorization",
            "revocation_endpoint": "\(issuer)/oauth2/revoke",
            "end_session_endpoint": "\(issuer)/oauth2/logout",
            "subject_types_supported": ["public", "pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": SSOClients.knownScopes,
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "given_name", "family_name", "email",
                                 "cartable_profile", "school_uai", "school_name", "classes"],
            "prompt_values_supported": ["none", "consent", "login"],
            "authorization_response_iss_parameter_supported": true,
        ]
    }

    // MARK: authorization

    /// Checks the request, then: log in first, refuse a school the tool is not open to, ask for consent, or give a code.
    func authorize(_ params: [String: String], request: Request, context: PortalRequestContext, decision: Bool?) async throws -> Response {
        let language = context.language(request)
        let clients = portal.ssoClients
        let clientID = params["client_id"] ?? "", redirect = params["redirect_uri"] ?? ""
        let client = try await portal.pool.run { Result { try clients.client(clientID) } }.get()
        // Never redirect to an address the tool did not register: an error page instead.
        guard let client, !client.disabled, client.kind == "oidc" else { throw PageError(.badRequest, portal.localizer.text("sso.error.client", language)) }
        guard client.redirectURIs.contains(redirect) else { throw PageError(.badRequest, portal.localizer.text("sso.error.redirect", language)) }
        let state = params["state"]
        // The request's own parameters, as a login or the consent form sends them back.
        let asked = params.filter { $0.key != "_csrf" && $0.key != "decision" }
        let issuer = self.issuer
        let fail = { (code: String, description: String) in
            Self.redirect(redirect, ["error": code, "error_description": description, "state": state, "iss": issuer])
        }
        guard params["response_type"] == "code" else { return fail("unsupported_response_type", "only response_type=code is supported") }
        let scope = (params["scope"] ?? "").split(separator: " ").map(String.init)
        guard scope.contains("openid") else { return fail("invalid_scope", "the scope must contain openid") }
        let notAllowed = scope.filter { !client.scopes.contains($0) }
        guard notAllowed.isEmpty else { return fail("invalid_scope", "this client may not ask for: \(notAllowed.joined(separator: " "))") }
        let challenge = params["code_challenge"]
        if challenge != nil, params["code_challenge_method"] != "S256" { return fail("invalid_request", "code_challenge_method must be S256") }
        if client.isPublic, challenge == nil { return fail("invalid_request", "a public client must use PKCE (code_challenge with S256)") }
        let prompts = Set((params["prompt"] ?? "").split(separator: " ").map(String.init))
        guard let identity = context.identity else {
            if prompts.contains("none") { return fail("login_required", "the user is not logged in") }
            let back = request.method == .get ? request.uri.description : "/oauth2/authorize?" + formURLEncoded(asked)
            return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: back)])
        }
        // prompt=login, or a login older than max_age: the user logs in again, then comes back (without prompt=login).
        let loggedInAt = context.session?.createdAt ?? Date()
        let tooOld = params["max_age"].flatMap(Int.init).map { Date().timeIntervalSince(loggedInAt) > Double($0) } ?? false
        if prompts.contains("login") || tooOld {
            if prompts.contains("none") { return fail("login_required", "the user must log in again") }
            var again = asked
            let remaining = prompts.subtracting(["login"]).sorted().joined(separator: " ")
            again["prompt"] = remaining.isEmpty ? nil : remaining
            return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: "/oauth2/authorize?" + formURLEncoded(again))])
        }
        guard let school = identity.school, client.schoolIDs.contains(school.id) else {
            return fail("access_denied", "this tool is not open to the user's school")
        }
        let grants = portal.oauthGrants
        let consented = try await portal.pool.run { Result { try portal.ssoConsents.covers(user: identity.userID, client: client.id, scope: scope) } }.get()
        if !client.firstParty, !consented || prompts.contains("consent") {
            switch decision {
            case nil:
                if prompts.contains("none") { return fail("consent_required", "the user has not agreed to this tool yet") }
                let page = ConsentPage(localizer: portal.localizer, language: language)
                    .render(client: client, scope: scope, params: asked, csrf: context.csrfToken)
                return .html(await portal.page(title: portal.localizer.text("sso.consent_title", language, client.name), fragment: page,
                                               language: language, context: context))
            case false?:
                return fail("access_denied", "the user refused")
            case true?:
                try await portal.pool.run { Result { try portal.ssoConsents.record(user: identity.userID, client: client.id, scope: scope) } }.get()
            }
        } else if client.firstParty, !consented {
            // No question asked of a first-party tool, but the user sees it among their connected tools and may withdraw it.
            try await portal.pool.run { Result { try portal.ssoConsents.record(user: identity.userID, client: client.id, scope: scope) } }.get()
        }
        let code = try await portal.pool.run {
            Result {
                try grants.issueCode(clientID: client.id, userID: identity.userID, schoolID: school.id, redirectURI: redirect, scope: scope,
                                     nonce: params["nonce"], codeChallenge: challenge, authTime: loggedInAt)
            }
        }.get()
        return Self.redirect(redirect, ["code": code, "state": state, "iss": issuer])
    }

    // MARK: token

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
                    grant = try grants.redeemCode(form["code"] ?? "", clientID: client.id, redirectURI: form["redirect_uri"] ?? "", verifier: form["code_verifier"])
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
                    let asked = (form["scope"] ?? "").split(separator: " ").map(String.init).filter { $0 != "openid" && $0 != "offline_access" }
                    guard asked.allSatisfy(client.scopes.contains) else { throw OAuthError("invalid_scope", "this client may not ask for that scope") }
                    grant = grants.clientGrant(clientID: client.id, scope: asked)
                    issued = try grants.issueTokens(for: grant, withRefresh: false)
                default:
                    throw OAuthError("unsupported_grant_type", "grant_type must be authorization_code, refresh_token, client_credentials or the device_code grant")
                }
                return try TokenReply(issued, grant: grant, client: client, portal: portal, issuer: issuer)
            }
        }
        switch outcome {
        case .success(let reply):
            var body: [String: Any] = ["access_token": reply.issued.accessToken, "token_type": "Bearer", "expires_in": reply.issued.expiresIn,
                                       "scope": reply.scope]
            if let refresh = reply.issued.refreshToken { body["refresh_token"] = refresh }
            if let pending = reply.idToken {
                let keys = portal.signingKeys
                let kid = try await portal.blocking.run { Result { () throws -> String? in try keys.ensureActive(); return try keys.signingKid(.rs256) } }.get()
                body["id_token"] = try await keys.collection().sign(pending, kid: kid.map { JWKIdentifier(string: $0) })
            }
            return try Self.json(body, headers: [.cacheControl: "no-store", HTTPField.Name("Pragma")!: "no-cache"])
        case .failure(let error as OAuthError):
            var headers: HTTPFields = [.cacheControl: "no-store"]
            if error.status == 401 { headers[.wwwAuthenticate] = "Basic realm=\"Cartable\"" }
            return try Self.json(["error": error.code, "error_description": error.message], status: .init(code: error.status), headers: headers)
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
                IDToken(issuer: issuer, clientID: client.id,
                        user: try portal.oidcClaims.claims(userID: userID, schoolID: grant.schoolID, client: client, scope: grant.scope),
                        nonce: grant.nonce, authTime: grant.authTime, accessToken: issued.accessToken, now: Date(), lifetime: OIDCRoutes.idTokenLifetime)
            }
        }
    }

    /// client_secret_basic (the Authorization header) or client_secret_post (form fields); a public client sends only its id.
    static func authenticateClient(authorization: String?, form: [String: String], portal: Portal) throws -> SSOClients.Client {
        var id = form["client_id"], secret = form["client_secret"]
        if let header = authorization, header.lowercased().hasPrefix("basic ") {
            guard let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)).map({ String(decoding: $0, as: UTF8.self) }),
                  let colon = decoded.firstIndex(of: ":") else { throw OAuthError("invalid_client", "malformed Basic credentials") }
            id = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        let clients = portal.ssoClients
        guard let id, let client = try clients.client(id), !client.disabled, client.kind == "oidc" else { throw OAuthError("invalid_client", "unknown or disabled client") }
        if client.isPublic { return client }
        guard let secret, try clients.authenticate(id, secret: secret) else { throw OAuthError("invalid_client", "wrong client secret") }
        return client
    }

    // MARK: logout

    /// Logs the user out when the tool proves who it logs out (a valid `id_token_hint` of this user) or the
    /// user confirms; then goes back to `post_logout_redirect_uri` if the tool registered it, else to the login page.
    func endSession(_ params: [String: String], context: PortalRequestContext, confirmed: Bool, request: Request) async throws -> Response {
        var clientID = params["client_id"]
        var hintMatches = false
        let clients = portal.ssoClients
        if let hint = params["id_token_hint"], !hint.isEmpty {
            let keys = try await portal.signingKeys.collection()
            // An expired hint still names the tool and the user: only its signature matters here.
            if let token = try? await keys.verify(hint, as: LogoutHint.self), let audience = token.aud.value.first {
                clientID = clientID ?? audience
                if let identity = context.identity {
                    let expected = try await portal.pool.run {
                        Result { try clients.client(audience).map { try portal.oidcClaims.subject(userID: identity.userID, client: $0) } }
                    }.get()
                    hintMatches = expected == token.sub.value
                }
            }
        }
        var destination = "/auth/login"
        if let wanted = params["post_logout_redirect_uri"], let clientID {
            if let client = try await portal.pool.run({ Result { try clients.client(clientID) } }).get(), client.postLogoutRedirectURIs.contains(wanted) {
                destination = wanted + (params["state"].map { (wanted.contains("?") ? "&" : "?") + formURLEncoded(["state": $0]) } ?? "")
            }
        }
        guard context.identity != nil else { return Response(status: .seeOther, headers: [.location: destination]) }
        if hintMatches || confirmed {
            return await AuthRoutes(portal: portal).logOut(context, then: destination)
        }
        // Without proof from the tool, the user confirms (a link elsewhere must not log them out).
        let hidden = params.filter { $0.key != "_csrf" }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        return await AuthRoutes(portal: portal).page(request, context: context, title: "sso.logout_title") {
            $0.logoutConfirmation(action: "/oauth2/logout", csrf: context.csrfToken, hidden: hidden)
        }
    }

    /// The claims of an ID token that a logout needs.
    struct LogoutHint: JWTPayload {
        var aud: AudienceClaim
        var sub: SubjectClaim
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    // MARK: userinfo

    func userinfo(_ request: Request, form: [String: String]) async throws -> Response {
        let header = request.headers[.authorization]
        let token = header.flatMap { $0.lowercased().hasPrefix("bearer ") ? String($0.dropFirst(7)) : nil } ?? form["access_token"]
        let claims = try await portal.pool.run {
            Result { () throws -> [String: ClaimValue]? in
                guard let token, let grant = try portal.oauthGrants.access(token), let userID = grant.userID,
                      let client = try portal.ssoClients.client(grant.clientID), !client.disabled else { return nil }
                try portal.oauthGrants.checkStillAllowed(grant, client: client)
                return try portal.oidcClaims.claims(userID: userID, schoolID: grant.schoolID, client: client, scope: grant.scope)
            }
        }.get()
        guard let claims else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        let data = try JSONEncoder.sortedKeys.encode(claims)
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: helpers

    /// A 303 to `uri` with `parameters` added to its query (nil values left out).
    static func redirect(_ uri: String, _ parameters: [String: String?]) -> Response {
        let query = formURLEncoded(parameters.compactMapValues { $0 })
        return Response(status: .seeOther, headers: [.location: uri + (uri.contains("?") ? "&" : "?") + query, .cacheControl: "no-store"])
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
