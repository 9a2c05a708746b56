// RetentionTests: what grows is purged on schedule — expired sign-in material, ended sessions and old addresses, old events, the audit log past its retention — and the endpoints anyone can fill are rate-limited.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Retention and rate limits")
struct RetentionTests {
    static let day: TimeInterval = 86_400

    @Test func expiredRowsGoAndRecentOnesStay() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let lea = try #require(try Directory(database: database).userID(login: "lea.martin"))
        let college = try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") })
        let (tool, _, _) = try SSOTestKit.registerForCollege(database, name: "Outil", addresses: ["https://tool.example.org/cb"]) {
            $0.isPublic = true
        }
        let now = Date(), old = now.addingTimeInterval(-40 * Self.day), lastWeek = now.addingTimeInterval(-10 * Self.day)

        // Sessions: one ended long ago, one ended last week (kept, but its address goes after 7 days), one open now.
        _ = try SessionStore(database: database, now: { old }).open(userID: lea, schoolID: college, address: "198.51.100.1")
        _ = try SessionStore(database: database, now: { lastWeek }).open(userID: lea, schoolID: college, address: "198.51.100.2")
        _ = try SessionStore(database: database).open(userID: lea, schoolID: college, address: "198.51.100.3")
        // Sign-in material issued 40 days ago (long expired) and now.
        let grants = OAuthGrants(database: database)
        for date in [old, now] {
            _ = try grants.issueCode(
                clientID: tool.id, userID: lea, schoolID: college, redirectURI: "https://tool.example.org/cb", scope: ["openid"],
                nonce: nil, codeChallenge: nil, authTime: date, now: date)
            _ = try grants.issueTokens(for: grants.clientGrant(clientID: tool.id, scope: []), withRefresh: true, now: date)
            _ = try DeviceGrants(database: database).start(clientID: tool.id, scope: ["openid"], now: date)
            try AttemptThrottle(database: database).recordFailure([("account", "x")], at: date)
        }
        try await database.write { db in
            try db.execute(
                sql:
                    "INSERT INTO sso_upstream_pending (token_hash, provider, subject, display_name, expires_at) VALUES ('h1', 'p', 's', NULL, ?), ('h2', 'p', 's', NULL, ?)",
                arguments: [old.formatted(.iso8601), now.addingTimeInterval(600).formatted(.iso8601)])
            try AuditLog.record(db, at: now.addingTimeInterval(-400 * Self.day), action: "login", actor: lea)
            try AuditLog.record(db, at: lastWeek, action: "login", actor: lea)
        }
        let before = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0 }
        var policy = RetentionPolicy()
        policy.addressDays = 7
        let counts = try RetentionPurge(database: database, policy: policy).run(now: now)
        #expect(counts["sessions"] == 1 && counts["session_addresses"] == 1)
        for table in ["sso_codes", "sso_tokens", "sso_device_codes", "sso_upstream_pending", "audit_log", "login_failures"] {
            #expect(counts[table].map { $0 >= 1 } == true, "\(table): \(counts[table] ?? 0)")
        }
        let remaining = try await database.read { db in
            (
                try String.fetchAll(db, sql: "SELECT coalesce(address, '-') FROM sessions ORDER BY created_at"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sso_codes") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sso_tokens") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sso_device_codes") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            )
        }
        #expect(remaining.0 == ["-", "198.51.100.3"], "the old session is gone, last week's lost its address")
        #expect(remaining.1 == 1 && remaining.2 == 2 && remaining.3 == 1, "what was issued now stays")
        #expect(remaining.4 == before - 1, "only the entry past a year went")
    }

    @Test func oldDeliveredEventsGoWithTheirTimelineEntries() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let college = try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") })
        let lea = try #require(try Directory(database: database).userID(login: "lea.martin"))
        let draft = try EventDraft(
            json: Array(#"{"type": "cahier.ping", "audience": {"users": ["\#(lea)"]}, "link": "/apps/cahier/x"}"#.utf8),
            pluginID: "cahier", emits: ["cahier.ping"])
        let store = EventStore(database: database)
        let oldEvent = try store.emit(draft, pluginID: "cahier", schoolID: college, actorID: nil, subscribers: [])
        _ = try store.emit(draft, pluginID: "cahier", schoolID: college, actorID: nil, subscribers: [])
        try await database.write { db in
            try db.execute(
                sql: "UPDATE events SET created_at = ? WHERE id = ?",
                arguments: [Date().addingTimeInterval(-200 * Self.day).formatted(.iso8601), oldEvent])
        }
        let counts = try RetentionPurge(database: database, policy: RetentionPolicy()).run()
        #expect(counts["events"] == 1 && counts["event_recipients"] == 1)
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") } == 1)
    }

    @Test func theDeviceEndpointAndDeviceCodeGuessesAreLimited() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let (app, _, _) = try SSOTestKit.registerForCollege(database, name: "Appli", addresses: ["fr.cartable.app:/cb"]) {
            $0.isPublic = true
        }
        try await workspace.portal().withClient { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<12 {
                statuses.append(
                    try await client.execute(
                        uri: "/oauth2/device_authorization", method: .post, headers: form,
                        body: ByteBuffer(string: "client_id=\(app.id)&scope=openid")
                    ).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .ok } && statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })

            let lea = try await client.logInDemo("lea.martin")
            var guesses: [HTTPResponse.Status] = []
            for guess in ["BBBB-BBBB", "BBBB-BBBC", "BBBB-BBBD", "BBBB-BBBF", "BBBB-BBBG", "BBBB-BBBH", "BBBB-BBBJ"] {
                guesses.append(try await client.post("/device", "_csrf=\(lea.csrf)&user_code=\(guess)", headers: lea.form).status)
            }
            #expect(guesses.prefix(5).allSatisfy { $0 == .badRequest } && guesses.last == .tooManyRequests)
        }
    }
}
