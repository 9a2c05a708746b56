// ForgotPasswordTests: the forgotten-password page answers the same for every login, names the chosen school's admins, and refuses spent links.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Forgotten password")
struct ForgotPasswordTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func theAnswerIsTheSameForEveryLoginAndNamesTheSchoolsAdmins() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let login = try await client.get("/auth/login")
            #expect(login.text.contains("href=\"/auth/forgot\""))
            let page = try await client.get("/auth/forgot")
            #expect(page.status == .ok)
            #expect(page.text.contains("<option value=\"0750001A\">Collège Victor Hugo</option>"))
            var answers: [String] = []
            for typed in ["lea.martin", "marc.martin", "personne.inconnue", "%3Cscript%3E"] {
                let response = try await client.post(
                    "/auth/forgot", "_csrf=\(PortalTestClient.anonymousCSRF)&login=\(typed)&school=0750001A", headers: Self.form)
                #expect(response.status == .ok)
                #expect(response.text.contains("Sophie Bernard"), "the collège's admin is named")
                answers.append(response.text)
            }
            #expect(Set(answers).count == 1, "the page does not tell which logins exist")
            let noSchool = try await client.post(
                "/auth/forgot", "_csrf=\(PortalTestClient.anonymousCSRF)&login=lea.martin&school=", headers: Self.form)
            #expect(noSchool.text.contains("l&#39;administration de votre établissement"))
            #expect(!noSchool.text.contains("Sophie Bernard"))
            // Without a relay, the page does not pretend a link was sent.
            #expect(!noSchool.text.contains("un lien vient d"))
        }
    }

    @Test func aLinkThatNeverExistedOrIsSpentIsRefused() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let before = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE login = 'marc.martin'")
        }
        try await workspace.portal().withClient { client in
            let page = try await client.get("/auth/reset?token=invented")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Ce lien ne fonctionne plus"))
            #expect(page.text.contains("href=\"/auth/forgot\""))
            let post = try await client.post(
                "/auth/reset",
                "_csrf=\(PortalTestClient.anonymousCSRF)&token=invented&password=Nouveau-Secret-2027%21&confirm=Nouveau-Secret-2027%21",
                headers: Self.form)
            #expect(post.status == .notFound)
            #expect(post.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("cartable_session=") || $0.contains("Max-Age=0") })
            let confirm = try await client.get("/profile/email/confirm?token=invented")
            #expect(confirm.status == .notFound)
        }
        let after = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE login = 'marc.martin'")
        }
        #expect(before == after)
    }

    @Test func theProfileShowsTheAddressAndWhetherItIsConfirmed() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let marc = try await client.logInDemo("marc.martin")
            let profile = try await client.get("/profile", headers: marc.headers)
            #expect(profile.text.contains("marc.martin@famille.example"))
            #expect(profile.text.contains("à confirmer"))
            // No relay here: no button that would send nothing.
            #expect(!profile.text.contains("action=\"/profile/email/confirm\""))
            let lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/profile", headers: lea.headers).text.contains("n&#39;a pas enregistré d&#39;adresse e-mail"))
        }
    }
}
