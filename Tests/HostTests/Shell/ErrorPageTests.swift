// ErrorPageTests: browsers meeting an error get a portal page in their language; API callers keep the short answer.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
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
}
