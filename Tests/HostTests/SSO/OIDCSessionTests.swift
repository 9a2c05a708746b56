// OIDCSessionTests: what an ID token says about the login, re-authentication on demand, and the ways SSO tokens end with the portal session.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Single sign-on: session semantics")
struct OIDCSessionTests {
    typealias Flow = OIDCFlowTests

    /// The claims of a JWT, read without verifying (the flow tests verify signatures).
    static func claims(_ jwt: String) throws -> [String: Any] {
        let parts = jwt.split(separator: ".")
        var payload = String(try #require(parts.dropFirst().first)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let data = try #require(Data(base64Encoded: payload))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func exchange(
        _ client: any TestClientProtocol, _ setup: Flow.Setup, code: String, verifier: String?
    ) async throws -> TestResponse {
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Flow.redirect)]
        if let verifier { fields.append(("code_verifier", verifier)) }
        return try await Flow.token(client, fields, basic: "\(setup.client.id):\(setup.secret)")
    }

    @Test func authTimeIsTheLoginsAndPromptLoginOrMaxAgeAskToLogInAgain() async throws {
        let setup = try Flow.setup()
        try await setup.portal.withClient { client in
            // Léa logged in a minute ago (a session opened with the store's clock set back).
            let loggedIn = Date().addingTimeInterval(-60)
            let college = try #require(
                try await setup.database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") })
            let (token, _) = try SessionStore(database: setup.database, now: { loggedIn }).open(
                userID: setup.leaID, schoolID: college, address: nil)
            let home = try await client.get("/", headers: [.cookie: "cartable_session=\(token)"])
            let lea = LoggedIn(
                cookie: "cartable_session=\(token)",
                csrf: try #require(home.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1).description)
            let loggedInAt = loggedIn.timeIntervalSince1970
            let verifier = String(repeating: "k", count: 48)
            let granted = try await Flow.authorize(client, setup, as: lea, verifier: verifier)
            #expect(granted["iss"] == "http://127.0.0.1:8080", "RFC 9207: the response names its issuer")
            let tokens = try await Self.exchange(client, setup, code: try #require(granted["code"]), verifier: verifier).json()
            let idToken = try Self.claims(try #require(tokens["id_token"] as? String))
            let authTime = try #require(idToken["auth_time"] as? Double), issuedAt = try #require(idToken["iat"] as? Double)
            #expect(
                abs(authTime - loggedInAt) <= 1 && issuedAt - authTime >= 59, "auth_time is when Léa logged in, not when the code was made")

            let fields = [
                ("response_type", "code"), ("client_id", setup.client.id), ("redirect_uri", Flow.redirect), ("scope", "openid profile"),
                ("code_challenge", Flow.challenge(verifier)), ("code_challenge_method", "S256"),
            ]
            for extra in [("prompt", "login"), ("max_age", "30")] {
                let again = try await client.get("/oauth2/authorize?" + Flow.query(fields + [extra]), headers: lea.headers)
                let location = try #require(again.headers[.location])
                #expect(again.status == .seeOther && location.hasPrefix("/auth/login?return="), "\(extra.0): to the login form")
                #expect(!location.contains("prompt%3Dlogin"), "coming back does not ask again")
            }
            // Logged in again a moment ago: max_age is met.
            let fresh = try await client.logInDemo("lea.martin")
            let met = try await client.get("/oauth2/authorize?" + Flow.query(fields + [("max_age", "60")]), headers: fresh.headers)
            #expect(try Flow.parameters(met)["code"] != nil)
        }
    }

    @Test func aVerifierForACodeWithoutChallengeIsRefusedAndUserinfoAcceptsAPost() async throws {
        let setup = try Flow.setup()
        try await setup.portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let fields = [
                ("response_type", "code"), ("client_id", setup.client.id), ("redirect_uri", Flow.redirect), ("scope", "openid profile"),
            ]
            _ = try await client.post(
                "/oauth2/authorize", Flow.query([("_csrf", lea.csrf), ("decision", "allow")] + fields), headers: lea.form)
            func code() async throws -> String {
                try #require(
                    try Flow.parameters(try await client.get("/oauth2/authorize?" + Flow.query(fields), headers: lea.headers))["code"])
            }
            let refused = try await Self.exchange(client, setup, code: try await code(), verifier: String(repeating: "v", count: 43))
            #expect(try refused.status == .badRequest && (try refused.json()["error"] as? String) == "invalid_grant")
            let tokens = try await Self.exchange(client, setup, code: try await code(), verifier: nil).json()
            let access = try #require(tokens["access_token"] as? String)
            // A tool's server posts to userinfo with its bearer token and no portal cookie or CSRF token.
            let posted = try await client.execute(
                uri: "/oauth2/userinfo", method: .post,
                headers: [.authorization: "Bearer \(access)", .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer())
            #expect(try posted.status == .ok && (try posted.json()["sub"] as? String) != nil)
        }
    }

    @Test func endingSessionsOrResettingThePasswordEndsSingleSignOnToo() async throws {
        let setup = try Flow.setup()
        try await setup.portal.withClient { client in
            let basic = "\(setup.client.id):\(setup.secret)"
            func signIn() async throws -> String {
                let lea = try await client.logInDemo("lea.martin")
                let verifier = String(repeating: "r", count: 44)
                let granted = try await Flow.authorize(client, setup, as: lea, verifier: verifier)
                let tokens = try await Self.exchange(client, setup, code: try #require(granted["code"]), verifier: verifier).json()
                return try #require(tokens["refresh_token"] as? String)
            }
            let nadia = try await client.logInDemo("nadia.benali")
            let first = try await signIn()
            #expect(try await client.post("/admin/users/\(setup.leaID)/revoke-sessions", "", headers: nadia.form).status == .ok)
            let afterEnd = try await Flow.token(client, [("grant_type", "refresh_token"), ("refresh_token", first)], basic: basic)
            #expect(afterEnd.status == .badRequest, "ending her sessions ends the tool's sign-in too")

            let second = try await signIn()
            let issued = try await client.post("/admin/users/\(setup.leaID)/reset-code", "", headers: nadia.form)
            let code = try #require(issued.text.firstMatch(of: /valable 7 jours : ([A-Z0-9-]+)\./)?.1).description
            let csrf = PortalTestClient.anonymousCSRF
            let reset = try await client.post(
                "/auth/activate", "_csrf=\(csrf)&login=lea.martin&code=\(code)&password=Nouveau-Mot2passe&confirm=Nouveau-Mot2passe",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(reset.status == .seeOther)
            let afterReset = try await Flow.token(client, [("grant_type", "refresh_token"), ("refresh_token", second)], basic: basic)
            #expect(afterReset.status == .badRequest, "a password reset ends the tool's sign-in too")
        }
    }

    @Test func aFirstPartyToolShowsAmongConnectedTools() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let (tool, _, _) = try SSOTestKit.registerForCollege(database, name: "Appli de l'ENT", addresses: [Flow.redirect]) {
            $0.scopes = ["openid", "profile"]
            $0.firstParty = true
        }
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let fields = [("response_type", "code"), ("client_id", tool.id), ("redirect_uri", Flow.redirect), ("scope", "openid profile")]
            let granted = try await client.get("/oauth2/authorize?" + Flow.query(fields), headers: lea.headers)
            #expect(try Flow.parameters(granted)["code"] != nil, "no consent page for a first-party tool")
            let tools = try await client.get("/profile/tools", headers: lea.headers)
            #expect(tools.text.contains("<strong>Appli de l&#39;ENT</strong>"), "she sees it and can withdraw it")
        }
    }
}
