// OIDCRoutes: the OpenID provider — its routes, discovery and JWKS; each endpoint in its own OIDCRoutes+… file.
import CartableText
import Foundation
import HostDomain
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
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
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
            "grant_types_supported": [
                "authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code",
            ],
            "device_authorization_endpoint": "\(issuer)/oauth2/device_authorization",
            "revocation_endpoint": "\(issuer)/oauth2/revoke",
            "end_session_endpoint": "\(issuer)/oauth2/logout",
            "subject_types_supported": ["public", "pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": SSOClients.knownScopes,
            "claims_supported": [
                "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "given_name", "family_name", "email",
                "cartable_profile", "school_uai", "school_name", "classes",
            ],
            "prompt_values_supported": ["none", "consent", "login"],
            "authorization_response_iss_parameter_supported": true,
        ]
    }
}
