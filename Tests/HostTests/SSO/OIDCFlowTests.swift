// OIDCFlowTests: the authorization code flow end to end against the real router — consent, PKCE, ID token verified with the JWKS, refresh rotation, and each refusal.
import CartableWire
import Crypto
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import NIOCore
import Portal
import Testing

@Suite("Single sign-on: OpenID Connect authorization code flow")
struct OIDCFlowTests {
    static let redirect = "https://cloud.example.org/apps/user_oidc/code"

    struct Setup {
        let portal: Portal
        let database: HostDatabase
        let client: SSOClients.Client
        let secret: String
        let leaID: String
    }

    static func setup() throws -> Setup {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let lea = try #require(try Directory(database: database).userID(login: "lea.martin"))
        let (client, secret, _) = try SSOTestKit.registerForCollege(database, name: "Nextcloud", addresses: [redirect]) {
            $0.scopes = ["openid", "profile", "school", "offline_access"]
            $0.postLogoutRedirectURIs = ["https://cloud.example.org/logged-out"]
        }
        return Setup(portal: try workspace.portal(), database: database, client: client, secret: try #require(secret), leaID: lea)
    }

    static func query(_ fields: [(String, String)]) -> String { BlogsTestKit.encode(fields) }

    static func challenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The query items of a redirect's Location.
    static func parameters(_ response: TestResponse) throws -> [String: String] {
        let location = try #require(response.headers[.location], "no redirect: \(response.status) \(response.text.prefix(300))")
        let components = try #require(URLComponents(string: location))
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// Authorizes as `who` (allowing on the consent page when it shows) and returns the redirect's parameters.
    static func authorize(
        _ client: any TestClientProtocol, _ setup: Setup, as who: LoggedIn, verifier: String, extra: [(String, String)] = []
    )
        async throws -> [String: String]
    {
        let fields =
            [
                ("response_type", "code"), ("client_id", setup.client.id), ("redirect_uri", redirect),
                ("scope", "openid profile school offline_access"),
                ("state", "s-123"), ("nonce", "n-456"), ("code_challenge", challenge(verifier)), ("code_challenge_method", "S256"),
            ] + extra
        let first = try await client.get("/oauth2/authorize?" + query(fields), headers: who.headers)
        if first.status == .seeOther { return try parameters(first) }
        #expect(first.status == .ok && first.text.contains("Nextcloud demande à vous connecter"), "consent page: \(first.status)")
        let allowed = try await client.post(
            "/oauth2/authorize", query([("_csrf", who.csrf), ("decision", "allow")] + fields), headers: who.form)
        return try parameters(allowed)
    }

    static func token(_ client: any TestClientProtocol, _ fields: [(String, String)], basic: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let basic { headers[.authorization] = "Basic " + Data(basic.utf8).base64EncodedString() }
        return try await client.execute(uri: "/oauth2/token", method: .post, headers: headers, body: ByteBuffer(string: query(fields)))
    }

    @Test func aToolSignsAStudentInAndVerifiesTheIDTokenWithTheJWKS() async throws {
        let setup = try Self.setup()
        try await setup.portal.withClient { client in
            let discovery = try await client.get("/.well-known/openid-configuration").json()
            #expect(discovery["issuer"] as? String == "http://127.0.0.1:8080")
            #expect(discovery["token_endpoint"] as? String == "http://127.0.0.1:8080/oauth2/token")
            #expect((discovery["code_challenge_methods_supported"] as? [String]) == ["S256"])

            // Not logged in: to the login page, and back here afterwards.
            let anonymous = try await client.get(
                "/oauth2/authorize?"
                    + Self.query([
                        ("response_type", "code"), ("client_id", setup.client.id), ("redirect_uri", Self.redirect), ("scope", "openid"),
                    ]))
            #expect(
                anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/auth/login?return=%2Foauth2%2Fauthorize") == true
            )

            let lea = try await client.logInDemo("lea.martin")
            let verifier = String(repeating: "v", count: 20) + "-verifier-of-pkce-0123456789"
            let granted = try await Self.authorize(client, setup, as: lea, verifier: verifier)
            #expect(granted["state"] == "s-123")
            let code = try #require(granted["code"])
            let basic = "\(setup.client.id):\(setup.secret)"
            let exchanged = try await Self.token(
                client,
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                    ("code_verifier", verifier),
                ], basic: basic)
            #expect(exchanged.status == .ok && exchanged.headers[.cacheControl] == "no-store")
            let tokens = try exchanged.json()
            let idToken = try #require(tokens["id_token"] as? String), access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)

            // The relying party verifies the ID token with the published keys only.
            let keys = try await JWTKeyCollection().add(jwksJSON: try await client.get("/oauth2/jwks").text)
            let claims = try await keys.verify(idToken, as: IDToken.self)
            #expect(claims.aud.value == [setup.client.id] && claims.iss.value == "http://127.0.0.1:8080" && claims.nonce == "n-456")
            #expect(
                claims.user["name"] == .string("Léa Martin") && claims.user["school_uai"] == .string("0750001A")
                    && claims.user["classes"] == .strings(["4e A"]))
            guard case .string(let sub)? = claims.user["sub"] else { Issue.record("no sub"); return }
            #expect(sub != setup.leaID, "pairwise: the tool does not get her portal id")

            var bearer: HTTPFields = [.authorization: "Bearer \(access)"]
            let userinfo = try await client.get("/oauth2/userinfo", headers: bearer).json()
            #expect(
                userinfo["sub"] as? String == sub && userinfo["given_name"] as? String == "Léa"
                    && userinfo["cartable_profile"] as? String == "Student")

            // The refresh token rotates; using a spent one revokes the whole sign-in.
            let rotated = try await Self.token(client, [("grant_type", "refresh_token"), ("refresh_token", refresh)], basic: basic).json()
            let newAccess = try #require(rotated["access_token"] as? String)
            #expect(rotated["refresh_token"] as? String != refresh)
            let reused = try await Self.token(client, [("grant_type", "refresh_token"), ("refresh_token", refresh)], basic: basic)
            #expect(try reused.status == .badRequest && (try reused.json()["error"] as? String) == "invalid_grant")
            bearer[.authorization] = "Bearer \(newAccess)"
            #expect(try await client.get("/oauth2/userinfo", headers: bearer).status == .unauthorized, "the family is revoked")

            // She sees the tool among her connected tools, and in her data export.
            #expect(try await client.get("/profile/tools", headers: lea.headers).text.contains("<strong>Nextcloud</strong>"))
            let export = try await client.get("/profile/export", headers: lea.headers).json()
            let allowed = try #require((export["host"] as? [String: Any])?["allowed_tools"] as? [[String: Any]])
            #expect(allowed.first?["tool"] as? String == "Nextcloud" && (allowed.first?["scope"] as? String)?.contains("school") == true)
            // A second sign-in asks no consent again.
            let again = try await client.get(
                "/oauth2/authorize?"
                    + Self.query([
                        ("response_type", "code"), ("client_id", setup.client.id), ("redirect_uri", Self.redirect),
                        ("scope", "openid profile"),
                    ]), headers: lea.headers)
            #expect(try again.status == .seeOther && (try Self.parameters(again))["code"] != nil)
        }
    }

    @Test func refusalsOfTheFlow() async throws {
        let setup = try Self.setup()
        try await setup.portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let basic = "\(setup.client.id):\(setup.secret)"

            // An unregistered redirect URI: an error page, never a redirect.
            let stray = try await client.get(
                "/oauth2/authorize?"
                    + Self.query([
                        ("response_type", "code"), ("client_id", setup.client.id),
                        ("redirect_uri", "https://evil.example/cb"), ("scope", "openid"),
                    ]),
                headers: [.cookie: lea.cookie, .accept: "text/html"])
            #expect(
                stray.status == .badRequest && stray.headers[.location] == nil
                    && stray.text.contains("n&#39;est pas enregistrée pour cet outil"))

            // A PKCE verifier that does not match.
            let verifier = String(repeating: "a", count: 50)
            let code = try #require(try await Self.authorize(client, setup, as: lea, verifier: verifier)["code"])
            let mismatch = try await Self.token(
                client,
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                    ("code_verifier", String(repeating: "b", count: 50)),
                ], basic: basic)
            #expect(try mismatch.status == .badRequest && (try mismatch.json()["error_description"] as? String)?.contains("PKCE") == true)

            // A code used twice: refused, and the tokens of its first use revoked.
            let second = try #require(try await Self.authorize(client, setup, as: lea, verifier: verifier)["code"])
            let fields = [
                ("grant_type", "authorization_code"), ("code", second), ("redirect_uri", Self.redirect), ("code_verifier", verifier),
            ]
            let firstUse = try await Self.token(client, fields, basic: basic).json()
            let access = try #require(firstUse["access_token"] as? String)
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .ok)
            let replay = try await Self.token(client, fields, basic: basic)
            #expect(try replay.status == .badRequest && (try replay.json()["error"] as? String) == "invalid_grant")
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .unauthorized)

            // A wrong secret.
            let third = try #require(try await Self.authorize(client, setup, as: lea, verifier: verifier)["code"])
            let wrong = try await Self.token(
                client,
                [
                    ("grant_type", "authorization_code"), ("code", third), ("redirect_uri", Self.redirect),
                    ("code_verifier", verifier),
                ], basic: "\(setup.client.id):not-the-secret")
            #expect(try wrong.status == .unauthorized && (try wrong.json()["error"] as? String) == "invalid_client")

            // A user of a school the tool is not open to (Inès, lycée).
            let ines = try await client.logInDemo("ines.moreau")
            let refused = try await client.get(
                "/oauth2/authorize?"
                    + Self.query([
                        ("response_type", "code"), ("client_id", setup.client.id), ("redirect_uri", Self.redirect),
                        ("scope", "openid"), ("state", "x"),
                    ]), headers: ines.headers)
            let error = try Self.parameters(refused)
            #expect(error["error"] == "access_denied" && error["state"] == "x" && error["code"] == nil)

            // A scope the tool may not have, and a denied consent.
            let scope = try Self.parameters(
                try await client.get(
                    "/oauth2/authorize?"
                        + Self.query([
                            ("response_type", "code"), ("client_id", setup.client.id),
                            ("redirect_uri", Self.redirect), ("scope", "openid email"),
                        ]), headers: lea.headers))
            #expect(scope["error"] == "invalid_scope")
        }
    }

    @Test func serversRevokeTokensActForThemselvesAndLogUsersOut() async throws {
        let setup = try Self.setup()
        try await setup.portal.withClient { client in
            let basic = "\(setup.client.id):\(setup.secret)"
            // client_credentials: a token for the tool itself, no ID token, no user behind it.
            let own = try await Self.token(client, [("grant_type", "client_credentials"), ("scope", "school")], basic: basic)
            let ownBody = try own.json()
            #expect(own.status == .ok && ownBody["id_token"] == nil && ownBody["scope"] as? String == "school")
            let ownAccess = try #require(ownBody["access_token"] as? String)
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(ownAccess)"]).status == .unauthorized)
            #expect(
                try await Self.token(client, [("grant_type", "client_credentials"), ("scope", "email")], basic: basic).status == .badRequest
            )

            // Revocation (RFC 7009).
            let lea = try await client.logInDemo("lea.martin")
            let verifier = String(repeating: "r", count: 60)
            let code = try #require(try await Self.authorize(client, setup, as: lea, verifier: verifier)["code"])
            let tokens = try await Self.token(
                client,
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                    ("code_verifier", verifier),
                ], basic: basic
            ).json()
            let access = try #require(tokens["access_token"] as? String), idToken = try #require(tokens["id_token"] as? String)
            var headers: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .authorization: "Basic " + Data(basic.utf8).base64EncodedString(),
            ]
            #expect(
                try await client.execute(
                    uri: "/oauth2/revoke", method: .post, headers: headers, body: ByteBuffer(string: "token=\(access)")
                ).status == .ok)
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .unauthorized)
            headers[.authorization] = "Basic " + Data("\(setup.client.id):wrong".utf8).base64EncodedString()
            #expect(
                try await client.execute(uri: "/oauth2/revoke", method: .post, headers: headers, body: ByteBuffer(string: "token=x")).status
                    == .unauthorized)

            // Logout asked by the tool without proof: the user confirms first.
            let unproven = try await client.get("/oauth2/logout?" + Self.query([("client_id", setup.client.id)]), headers: lea.headers)
            #expect(unproven.status == .ok && unproven.text.contains("Voulez-vous vous déconnecter ?"))
            #expect(try await client.get("/profile", headers: lea.headers).status == .ok, "still logged in")
            // Confirmed on that page (another session of hers): logged out.
            let other = try await client.logInDemo("lea.martin")
            let confirmed = try await client.post(
                "/oauth2/logout", Self.query([("_csrf", other.csrf), ("client_id", setup.client.id)]), headers: other.form)
            #expect(confirmed.status == .seeOther && confirmed.headers[.location] == "/auth/login")
            let ended = try await client.get("/profile", headers: other.headers)
            #expect(ended.status == .seeOther && ended.headers[.location]?.hasPrefix("/auth/login") == true, "logged out: sent to log in")
            // With her ID token as hint: logged out, and back to the address the tool registered, with its state.
            let out = try await client.get(
                "/oauth2/logout?"
                    + Self.query([
                        ("id_token_hint", idToken), ("post_logout_redirect_uri", "https://cloud.example.org/logged-out"),
                        ("state", "bye"),
                    ]), headers: lea.headers)
            #expect(out.status == .seeOther && out.headers[.location] == "https://cloud.example.org/logged-out?state=bye")
            let over = try await client.get("/profile", headers: lea.headers)
            #expect(over.status == .seeOther && over.headers[.location]?.hasPrefix("/auth/login") == true, "her session is over")
            // An address the tool did not register is never followed.
            let stray = try await client.get(
                "/oauth2/logout?" + Self.query([("post_logout_redirect_uri", "https://evil.example/"), ("client_id", setup.client.id)]))
            #expect(stray.headers[.location] == "/auth/login")
        }
    }

    @Test func anonymizingSomeoneEndsTheirToolsAndTokens() async throws {
        let setup = try Self.setup()
        try await setup.portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let verifier = String(repeating: "z", count: 50)
            let code = try #require(try await Self.authorize(client, setup, as: lea, verifier: verifier)["code"])
            let tokens = try await Self.token(
                client,
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                    ("code_verifier", verifier),
                ], basic: "\(setup.client.id):\(setup.secret)"
            ).json()
            let access = try #require(tokens["access_token"] as? String)
            let sophie = try await client.logInDemo("sophie.bernard")
            #expect(try await client.post("/admin/users/\(setup.leaID)/anonymize", "confirm=1", headers: sophie.form).status == .ok)
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .unauthorized)
            let consents = try await setup.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sso_consents WHERE user_id = ?", arguments: [setup.leaID])
            }
            #expect(consents == 0)
        }
    }
}
