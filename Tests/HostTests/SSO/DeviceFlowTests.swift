// DeviceFlowTests: RFC 8628 — a device gets codes, polls (pending, slow_down), the user enters the code at /device and allows; refusals and expiry.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Portal
import Testing

@Suite("Single sign-on: device authorization grant")
struct DeviceFlowTests {
    @Test func aPhoneAppGetsSignedInWithACodeTypedOnTheWeb() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let (app, _, college) = try SSOTestKit.registerForCollege(
            database, name: "Cartable mobile", addresses: ["fr.cartable.app:/callback"]
        ) {
            $0.isPublic = true
        }
        let portal = try workspace.portal()
        try await portal.withClient { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let started = try await client.execute(
                uri: "/oauth2/device_authorization", method: .post, headers: form,
                body: ByteBuffer(string: BlogsTestKit.encode([("client_id", app.id), ("scope", "openid profile")]))
            ).json()
            let deviceCode = try #require(started["device_code"] as? String), userCode = try #require(started["user_code"] as? String)
            #expect(userCode.firstMatch(of: /^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/) != nil)
            #expect(started["verification_uri"] as? String == "http://127.0.0.1:8080/device" && started["interval"] as? Int == 5)

            let poll = { () async throws -> [String: Any] in
                try await client.execute(
                    uri: "/oauth2/token", method: .post, headers: form,
                    body: ByteBuffer(
                        string: BlogsTestKit.encode([
                            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode),
                            ("client_id", app.id),
                        ]))
                ).json()
            }
            #expect(try await poll()["error"] as? String == "authorization_pending")
            #expect(try await poll()["error"] as? String == "slow_down", "polling faster than the interval")

            // Léa types the code (lower case, with a space) and allows.
            let lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/device?user_code=\(userCode)", headers: lea.headers).text.contains("value=\"\(userCode)\""))
            let typed = userCode.lowercased().replacingOccurrences(of: "-", with: " ")
            let consent = try await client.post(
                "/device", BlogsTestKit.encode([("_csrf", lea.csrf), ("user_code", typed)]), headers: lea.form)
            #expect(consent.status == .ok && consent.text.contains("Cartable mobile demande à vous connecter"))
            let allowed = try await client.post(
                "/device", BlogsTestKit.encode([("_csrf", lea.csrf), ("user_code", userCode), ("decision", "allow")]), headers: lea.form)
            #expect(allowed.text.contains("Cartable mobile est connecté à votre compte"))
            #expect(
                try await client.get("/profile/tools", headers: lea.headers).text.contains("<strong>Cartable mobile</strong>"),
                "the app shows among her connected tools, where she can withdraw it")
            // A code typed wrong.
            let wrong = try await client.post(
                "/device", BlogsTestKit.encode([("_csrf", lea.csrf), ("user_code", "BBBB-BBBB")]), headers: lea.form)
            #expect(wrong.status == .badRequest)

            // The next poll, once the (raised) interval has passed, gets the tokens; the codes work once.
            let grants = DeviceGrants(database: portal.database)
            let grant = try grants.poll(deviceCode: deviceCode, clientID: app.id, now: Date().addingTimeInterval(30))
            #expect(
                grant.userID == (try Directory(database: database).userID(login: "lea.martin")) && grant.scope == ["openid", "profile"])
            #expect(throws: OAuthError.self) {
                try grants.poll(deviceCode: deviceCode, clientID: app.id, now: Date().addingTimeInterval(60))
            }

            // Refused, and expired.
            let denied = try grants.start(clientID: app.id, scope: ["openid"])
            try grants.decide(
                userCode: denied.userCode, userID: try #require(try Directory(database: database).userID(login: "lea.martin")),
                schoolID: college, approve: false)
            #expect(throws: OAuthError("access_denied", "the user refused")) {
                try grants.poll(deviceCode: denied.deviceCode, clientID: app.id)
            }
            let late = try grants.start(clientID: app.id, scope: ["openid"])
            #expect(throws: OAuthError("expired_token", "the codes expired: start again")) {
                try grants.poll(deviceCode: late.deviceCode, clientID: app.id, now: Date().addingTimeInterval(700))
            }
        }
    }
}
