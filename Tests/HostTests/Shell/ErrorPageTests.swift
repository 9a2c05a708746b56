// ErrorPageTests: browsers meeting an error get a portal page in their language; API callers keep the short answer.
import Foundation
import HostDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Error pages")
struct ErrorPageTests {
    @Test func aRefusedPageExplainsItselfInTheReadersLanguage() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            var browser = lea.headers
            browser[.accept] = "text/html,application/xhtml+xml"
            let refused = try await client.get("/admin", headers: browser)
            #expect(refused.status == .forbidden)
            #expect(
                refused.text.contains("<h1>Accès refusé</h1>")
                    && refused.text.contains("demandez à l&#39;administrateur de votre établissement"))
            #expect(!refused.text.contains("the console is for"), "the operators' message stays in the log")
            browser[.acceptLanguage] = "en"
            #expect(try await client.get("/nowhere", headers: browser).text.contains("<h1>Page not found</h1>"))
            let anonymous = try await client.get("/profile/export", headers: [.accept: "text/html"])
            #expect(anonymous.status == .unauthorized && anonymous.text.contains("href=\"/auth/login?return=%2Fprofile%2Fexport\""))
            // An API caller keeps the short answer.
            let api = try await client.get("/admin", headers: lea.headers)
            #expect(api.status == .forbidden && !api.text.contains("<html"))
        }
    }

    /// Every refusal an API caller meets has one shape, `{"error": "<text in the reader's language>"}`,
    /// whether a host route, the CSRF check or a plugin check refused; operators' messages stay in the log.
    @Test func apiCallersGetOneErrorShapeInTheirLanguage() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions())
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            var french = lea.headers
            french[.accept] = "application/json"
            french[.acceptLanguage] = "fr"
            func message(_ response: TestResponse) throws -> String? {
                (try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])?["error"] as? String
            }
            let console = try await client.get("/admin", headers: french)
            #expect(console.status == .forbidden && console.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(
                try message(console)
                    == "Vous n'avez pas le droit d'ouvrir cette page ou de faire cette action. Si vous pensez en avoir besoin, demandez à l'administrateur de votre établissement.",
                "\(console.text)")
            var english = french
            english[.acceptLanguage] = "en"
            let missing = try await client.get("/profile/nobody-at-all", headers: english)
            #expect(missing.status == .notFound)
            #expect(try message(missing)?.isEmpty == false, "\(missing.text)")
            #expect(!missing.text.contains("no such profile"), "the operators' message stays in the log")
            let unknownApp = try await client.get("/apps/nothing-here/", headers: french)
            #expect(try unknownApp.status == .notFound && message(unknownApp)?.isEmpty == false, "\(unknownApp.text)")
        }
    }

    /// A domain refusal that reaches the route boundary (a rule a route did not catch) is answered like
    /// every other refusal: the error page in French for a browser, the one JSON shape in English for an API.
    @Test func aDomainRefusalReachingTheBoundaryGetsThePageOrTheJSONShape() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        let routes: (Router<PortalRequestContext>) -> Void = { router in
            router.get("/probe/refusal") { _, _ -> Response in throw AccessRefusal(key: "refusal.role_without_actions") }
        }
        try await workspace.portal().withClient(extraRoutes: routes) { client in
            let page = try await client.get("/probe/refusal", headers: [.accept: "text/html", .acceptLanguage: "fr"])
            #expect(page.status == .badRequest)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Un rôle regroupe au moins une action"), "\(page.text)")
            #expect(page.text.contains("<main"), "the portal's page, not a bare message")
            let api = try await client.get("/probe/refusal", headers: [.accept: "application/json", .acceptLanguage: "en"])
            #expect(api.status == .badRequest)
            #expect(try api.json()["error"] as? String == "a role needs at least one action: tick the ones it bundles")
        }
    }
}
