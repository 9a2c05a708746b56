// ThrottlingLiveTests: login throttling over a real socket — the owner is never locked out, and behind a trusted proxy each client counts alone.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Throttling over a real server")
struct ThrottlingLiveTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// A login form post from the client at `address` (as the proxy names it).
    private static func logIn(
        _ client: some TestClientProtocol, _ login: String, _ password: String, from address: String
    ) async throws -> TestResponse {
        let csrf = PortalTestClient.anonymousCSRF
        return try await client.post(
            "/auth/login", "_csrf=\(csrf)&login=\(login)&password=\(password)",
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "cartable_csrf=\(csrf)", Self.forwardedFor: address])
    }

    @Test func thirtyWrongPasswordsThenTheOwnersRightOneFromAnotherAddressLogsIn() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        try await workspace.portal(trustedProxies: ["127.0.0.1/32", "::1/128"]).withLiveClient { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<30 { statuses.append(try await Self.logIn(client, "lea.martin", "pas-le-bon", from: "198.51.100.7").status) }
            // Five free failures, then attempts wait (a slow machine may let a delay pass between two of them).
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized } && statuses.filter { $0 == .tooManyRequests }.count >= 20)
            let waiting = try await Self.logIn(client, "lea.martin", DemoSeed.password, from: "203.0.113.5")
            #expect(waiting.status == .tooManyRequests)
            let wait = try #require(Int(waiting.headers[.retryAfter] ?? ""))
            // The delay grows with the failures that got through (more of them on a loaded machine), up to the one-minute cap.
            #expect(wait <= 60, "a delay of at most a minute, not a lock")
            try await Task.sleep(for: .seconds(wait) + .milliseconds(200))
            let owner = try await Self.logIn(client, "lea.martin", DemoSeed.password, from: "203.0.113.5")
            #expect(owner.status == .seeOther, "Léa logs in")
        }
        let addresses = try await database.read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT address FROM audit_log WHERE action IN ('login', 'login.failed') ORDER BY address")
        }
        #expect(addresses == ["198.51.100.7", "203.0.113.5"], "the audit log records the real clients, not the proxy")
        let session = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT address FROM sessions ORDER BY created_at DESC LIMIT 1")
        }
        #expect(session == "203.0.113.5")
    }

    @Test func twentyFailuresBehindATrustedProxyDoNotBlockATwentyFirstUser() async throws {
        let workspace = try PluginWorkspace()
        try workspace.seedDemo()
        let logins = [
            "chloe.petit", "hugo.martin", "louis.durand", "emma.leroy", "gabriel.moreau", "jade.simon", "arthur.laurent", "zoe.lefevre",
            "noe.michel", "ines.garcia", "raphael.david", "alice.bertrand", "adam.roux", "lina.vincent", "jules.fournier", "rose.girard",
            "nathan.bonnet", "manon.dupont", "tom.lambert", "camille.fontaine",
        ]
        try await workspace.portal(trustedProxies: ["127.0.0.1/32", "::1/128"]).withLiveClient { client in
            for (index, login) in logins.enumerated() {
                let failed = try await Self.logIn(client, login, "faux", from: "192.0.2.\(index + 1)")
                #expect(failed.status == .unauthorized)
            }
            let marc = try await Self.logIn(client, "marc.martin", DemoSeed.password, from: "192.0.2.200")
            #expect(marc.status == .seeOther)
        }
        // Without the proxy trusted, the header is the client's own word: ignored, every failure is the peer's.
        let untrusted = try PluginWorkspace()
        try untrusted.seedDemo()
        try await untrusted.portal().withLiveClient { client in
            for (index, login) in logins.enumerated() {
                _ = try await Self.logIn(client, login, "faux", from: "192.0.2.\(index + 1)")
            }
            #expect(try await Self.logIn(client, "marc.martin", DemoSeed.password, from: "192.0.2.200").status == .tooManyRequests)
        }
    }

    @Test func guessingActivationCodesIsSlowedToo() async throws {
        let workspace = try PluginWorkspace()
        try workspace.seedDemo()
        try await workspace.portal().withLiveClient { client in
            let csrf = PortalTestClient.anonymousCSRF
            var statuses: [HTTPResponse.Status] = []
            for guess in 0..<8 {
                statuses.append(
                    try await client.post(
                        "/auth/activate",
                        "_csrf=\(csrf)&login=lea.martin&code=GUESS\(guess)&password=Mot2passe-Solide&confirm=Mot2passe-Solide",
                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "cartable_csrf=\(csrf)"]
                    ).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized } && statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests })
        }
    }

    @Test func theUpstreamLinkLoginIsThrottledLikeTheLoginForm() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let provider = try JSONDecoder().decode(
            UpstreamProvider.self,
            from: Data(
                #"{"id": "academie", "name": "Compte académique", "issuer": "http://127.0.0.1:9", "client_id": "c", "client_secret": "s"}"#
                    .utf8))
        // An identity back from the provider, waiting to be linked (no provider is reached for that).
        let token = try UpstreamLogin(database: database, provider: provider, portalIssuer: "http://127.0.0.1").holdPending(
            subject: "sub-1", name: "Quelqu'un")
        try await workspace.portal().withLiveClient { client in
            let csrf = PortalTestClient.anonymousCSRF
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<7 {
                statuses.append(
                    try await client.post(
                        "/auth/upstream/link", "_csrf=\(csrf)&login=lea.martin&password=pas-le-bon",
                        headers: [
                            .contentType: "application/x-www-form-urlencoded",
                            .cookie: "cartable_csrf=\(csrf); cartable_upstream=\(token)",
                        ]
                    ).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized } && statuses.last == .tooManyRequests, "\(statuses)")
        }
    }

    @Test func guessingDeviceCodesIsSlowedPerUser() async throws {
        let workspace = try PluginWorkspace()
        try workspace.seedDemo()
        try await workspace.portal().withLiveClient { client in
            let lea = try await client.logInDemo("lea.martin")
            var statuses: [HTTPResponse.Status] = []
            for guess in ["BBBB-BBBB", "BBBB-BBBC", "BBBB-BBBD", "BBBB-BBBF", "BBBB-BBBG", "BBBB-BBBH"] {
                statuses.append(try await client.post("/device", "_csrf=\(lea.csrf)&user_code=\(guess)", headers: lea.form).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .badRequest } && statuses.last == .tooManyRequests, "\(statuses)")
        }
    }
}
