// RouteAuthorizationTests: every identity and admin route refuses anonymous callers, and admin routes refuse each non-admin profile.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Who may call the identity and admin routes")
struct RouteAuthorizationTests {
    /// Routes that need a user; `{id}` stands for another user's id.
    static let userRoutes: [(HTTPRequest.Method, String)] = [
        (.get, "/profile/export"), (.get, "/profile/{id}"), (.get, "/profile/{id}/avatar"),
        (.post, "/profile"), (.post, "/profile/avatar/delete"), (.post, "/auth/child"), (.post, "/auth/school"),
        (.get, "/admin/audit"), (.get, "/admin/users/{id}/anonymize"), (.post, "/admin/users/{id}/anonymize"),
        (.post, "/admin/users/{id}/reset-code"), (.post, "/admin/users/{id}/revoke-sessions"),
        (.get, "/admin/modules"), (.post, "/admin/modules"),
    ]

    static let adminRoutes: [(HTTPRequest.Method, String)] = [
        (.get, "/admin/audit"), (.get, "/admin/users/{id}/anonymize"), (.post, "/admin/users/{id}/anonymize"),
        (.post, "/admin/users/{id}/reset-code"), (.post, "/admin/users/{id}/revoke-sessions"),
        (.get, "/admin/modules"), (.post, "/admin/modules"),
    ]

    @Test func anonymousCallersAreSentToLogIn() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let target = try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = 'chloe.petit'") })
        try await workspace.portal().withClient { client in
            for (method, template) in Self.userRoutes {
                let path = template.replacingOccurrences(of: "{id}", with: target)
                let response: TestResponse
                if method == .get {
                    response = try await client.get(path)
                } else {
                    response = try await client.post(
                        path, "confirm=1&child=\(target)&school=0750001A", headers: [.contentType: "application/x-www-form-urlencoded"])
                }
                let refused =
                    response.status == .unauthorized || (response.status == .seeOther && response.headers[.location] == "/auth/login")
                #expect(refused, "\(method) \(path) answered \(response.status) to an anonymous caller")
            }
            let state = try await database.read { db in
                try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [target])
            }
            #expect(state == "active")
        }
    }

    @Test(arguments: ["lea.martin", "paul.durand", "marc.martin", "lucas.henry"])
    func nonAdminsOfEveryProfileGet403OnAdminRoutes(login: String) async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let target = try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = 'chloe.petit'") })
        try await workspace.portal().withClient { client in
            let caller = try await client.logInDemo(login)
            for (method, template) in Self.adminRoutes {
                let path = template.replacingOccurrences(of: "{id}", with: target)
                let response: TestResponse
                if method == .get {
                    response = try await client.get(path, headers: caller.headers)
                } else {
                    response = try await client.post(path, "confirm=1", headers: caller.form)
                }
                #expect(response.status == .forbidden, "\(login): \(method) \(path) answered \(response.status)")
            }
            let sessionsOfTarget = try await database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT state || ' ' || CASE WHEN activation_code IS NULL THEN 1 ELSE 0 END FROM users WHERE id = ?",
                    arguments: [target])
            }
            #expect(sessionsOfTarget == "active 1", "nothing was changed for the target")
        }
    }
}
