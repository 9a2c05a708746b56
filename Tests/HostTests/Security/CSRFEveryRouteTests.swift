// CSRFEveryRouteTests: every state-changing route of the router refuses a request without the caller's token, with a wrong one, or from another site — and changes nothing; the exemptions are exactly the endpoints meant for tools' servers.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Portal
import Testing

@Suite("CSRF on every unsafe route")
struct CSRFEveryRouteTests {
    /// Endpoints that tools' servers call with their own credentials (never the portal's cookie): no CSRF token there.
    static let exempt: Set<String> = ["/oauth2/token", "/oauth2/revoke", "/oauth2/device_authorization", "/oauth2/userinfo"]
    static let refusals = ["Jeton de sécurité manquant ou invalide", "Requête refusée : elle ne vient pas du portail."]

    /// A row count of every table: what a refused request must leave as it was.
    static func snapshot(_ database: HostDatabase) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: db.dialect.tableNamesSQL) {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"")
            }
            return counts
        }
    }

    @Test func everyUnsafeRouteRefusesAMissingAWrongOrACrossSiteToken() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions())
        let database = try workspace.seedDemo()
        let portal = try workspace.portal()
        let routes = PortalApplication.router(portal: portal).routes
            .filter { [.post, .put, .patch, .delete].contains($0.method) }
            .map { ($0.method, $0.path.description.replacing(/\{[^}]+\}|:[A-Za-z]+|\*\*?/, with: "x")) }
        #expect(routes.count >= 40, "the router's unsafe routes: \(routes.count)")
        #expect(Set(routes.map(\.1)).isSuperset(of: Self.exempt), "every exemption is a real route")
        try await portal.withClient { client in
            let admin = try await client.logInDemo("admin.plateforme")
            let before = try await Self.snapshot(database)
            var failures: [String] = []
            for (method, path) in routes {
                let form: HTTPFields = [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"]
                let attempts: [(String, HTTPFields, String)] = [
                    ("no token", form, "name=x"),
                    ("wrong token", form, "_csrf=\(String(repeating: "z", count: 43))&name=x"),
                    (
                        "cross-site", form.merging([CSRFHeader.name: admin.csrf, HTTPField.Name("Origin")!: "https://evil.example"]),
                        "name=x"
                    ),
                    (
                        "cross-site fetch", form.merging([CSRFHeader.name: admin.csrf, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]),
                        "name=x"
                    ),
                ]
                for (label, headers, body) in attempts {
                    let response = try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body))
                    let refusedForCSRF = response.status == .forbidden && Self.refusals.contains { response.text.contains($0) }
                    if Self.exempt.contains(path) {
                        if refusedForCSRF { failures.append("\(method) \(path) (\(label)): exempt, yet refused for CSRF") }
                    } else if !refusedForCSRF {
                        failures.append("\(method) \(path) (\(label)): \(response.status.code)")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "; "))")
            // The exempt endpoints changed nothing either (no client credentials were sent), so the whole database is as it was.
            let after = try await Self.snapshot(database)
            #expect(after == before)
        }
    }

    /// A browser's form refused for its token gets the portal's error page in the reader's
    /// language (with the page's own token, so its forms still work); an API caller keeps JSON.
    @Test func aBrowserFormRefusedForItsTokenGetsTheErrorPage() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        let portal = try workspace.portal()
        try await portal.withClient { client in
            let pupil = try await client.logInDemo("lea.martin")
            let form: HTTPFields = [.cookie: pupil.cookie, .contentType: "application/x-www-form-urlencoded"]
            let browser = try await client.post(
                "/profile", "_csrf=\(String(repeating: "z", count: 43))&display_name=x",
                headers: form.merging([.accept: "text/html,application/xhtml+xml", .acceptLanguage: "fr-FR"]))
            #expect(browser.status == .forbidden)
            #expect(browser.headers[.contentType]?.hasPrefix("text/html") == true, "\(browser.headers)")
            #expect(
                browser.text.contains("<main") && browser.text.contains("Jeton de sécurité manquant ou invalide"),
                "\(browser.text.prefix(300))")
            #expect(browser.text.contains("name=\"_csrf\" value=\"\(pupil.csrf)\""), "the page's own forms carry the session's token")
            let english = try await client.post(
                "/profile", "display_name=x", headers: form.merging([.accept: "text/html", .acceptLanguage: "en"]))
            #expect(english.status == .forbidden && english.text.contains("<main"))
            let api = try await client.post("/profile", "display_name=x", headers: form.merging([.accept: "application/json"]))
            #expect(api.status == .forbidden && api.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }
}
