// TokenRefusalTests: the token and userinfo endpoints refuse what belongs to another client, another address, another time, a disabled tool or a withdrawn one.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Single sign-on: token refusals")
struct TokenRefusalTests {
    typealias Flow = OIDCFlowTests

    static func error(_ response: TestResponse) throws -> String? { try response.json()["error"] as? String }

    @Test func codesAndRefreshTokensWorkOnlyForTheirClientAddressAndTime() async throws {
        let setup = try Flow.setup()
        let (other, otherSecret, _) = try SSOTestKit.registerForCollege(setup.database, name: "Autre outil", addresses: [Flow.redirect]) {
            $0.scopes = ["openid", "profile", "offline_access"]
        }
        try await setup.portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let basic = "\(setup.client.id):\(setup.secret)", otherBasic = "\(other.id):\(try #require(otherSecret))"
            let verifier = String(repeating: "t", count: 45)
            func code() async throws -> String {
                try #require(try await Flow.authorize(client, setup, as: lea, verifier: verifier)["code"])
            }
            let exchange = { (code: String, redirect: String, credentials: String) in
                try await Flow.token(
                    client,
                    [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier)],
                    basic: credentials)
            }
            // A code redeemed by another client.
            let stolen = try await exchange(try await code(), Flow.redirect, otherBasic)
            #expect(try stolen.status == .badRequest && (try Self.error(stolen)) == "invalid_grant")
            // A redirect_uri that is not the authorization request's.
            let moved = try await exchange(try await code(), "https://cloud.example.org/elsewhere", basic)
            #expect(try moved.status == .badRequest && (try Self.error(moved)) == "invalid_grant")
            // An expired code.
            let late = try await code()
            #expect(throws: OAuthError.self) {
                try OAuthGrants(database: setup.database).redeemCode(
                    late, clientID: setup.client.id, redirectURI: Flow.redirect, verifier: verifier,
                    now: Date().addingTimeInterval(120))
            }
            // A refresh token used by another client.
            let tokens = try await exchange(try await code(), Flow.redirect, basic).json()
            let refresh = try #require(tokens["refresh_token"] as? String), access = try #require(tokens["access_token"] as? String)
            let borrowed = try await Flow.token(client, [("grant_type", "refresh_token"), ("refresh_token", refresh)], basic: otherBasic)
            #expect(try borrowed.status == .badRequest && (try Self.error(borrowed)) == "invalid_grant")
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .ok)

            // A tool disabled in the console: its tokens open nothing any more.
            let nadia = try await client.logInDemo("nadia.benali")
            #expect(try await client.post("/admin/sso/\(setup.client.id)/disable", "", headers: nadia.form).status == .seeOther)
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .unauthorized)
        }
    }

    @Test func aWithdrawnToolsTokensAreRefused() async throws {
        let setup = try Flow.setup()
        try await setup.portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let verifier = String(repeating: "w", count: 45)
            let granted = try await Flow.authorize(client, setup, as: lea, verifier: verifier)
            let tokens = try await Flow.token(
                client,
                [
                    ("grant_type", "authorization_code"), ("code", try #require(granted["code"])), ("redirect_uri", Flow.redirect),
                    ("code_verifier", verifier),
                ], basic: "\(setup.client.id):\(setup.secret)"
            ).json()
            let access = try #require(tokens["access_token"] as? String), refresh = try #require(tokens["refresh_token"] as? String)
            #expect(try await client.post("/profile/tools/\(setup.client.id)/withdraw", "", headers: lea.form).status == .seeOther)
            #expect(try await client.get("/oauth2/userinfo", headers: [.authorization: "Bearer \(access)"]).status == .unauthorized)
            let refreshed = try await Flow.token(
                client, [("grant_type", "refresh_token"), ("refresh_token", refresh)], basic: "\(setup.client.id):\(setup.secret)")
            #expect(refreshed.status == .badRequest)
        }
    }
}
