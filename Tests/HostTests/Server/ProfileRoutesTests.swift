// ProfileRoutesTests: a user edits their own profile; anonymous visitors are sent to log in; bad input changes nothing.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Own profile")
struct ProfileRoutesTests {
    @Test func editsDisplayNameMottoAndVisibility() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.openDatabase()
        _ = try DemoSeed(database: database, hasher: PasswordHasher(costLog2: 10)).seedIfEmpty()
        try await workspace.portal().withClient { client in
            let anonymous = try await client.get("/profile")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/auth/login")

            let (cookie, token) = try await client.logIn("lea.martin", password: DemoSeed.password)
            let page = try await client.get("/profile", headers: [.cookie: cookie])
            #expect(page.text.contains("value=\"Léa Martin\""))
            #expect(page.text.contains("Identifiant : lea.martin"))
            #expect(page.text.contains("name=\"_csrf\" value=\"\(token)\""), "the page carries the session's token")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]

            let saved = try await client.post(
                "/profile", "_csrf=\(token)&display_name=L%C3%A9a+M.&motto=<b>Carpe+diem</b>&show_email=1", headers: form)
            #expect(saved.status == .seeOther)
            let after = try await client.get("/profile?saved=1", headers: [.cookie: cookie])
            #expect(after.text.contains("Profil enregistré."))
            #expect(after.text.contains("value=\"Léa M.\""))
            #expect(after.text.contains("value=\"&lt;b&gt;Carpe diem&lt;/b&gt;\""), "the motto is escaped")
            #expect(after.text.contains("id=\"show_email\" name=\"show_email\" value=\"1\" checked"))
            #expect(
                !after.text.contains("id=\"show_motto\" name=\"show_motto\" value=\"1\" checked"), "an unchecked box turns visibility off")

            let empty = try await client.post("/profile", "_csrf=\(token)&display_name=++&motto=", headers: form)
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Le nom affiché est obligatoire."))
            let noToken = try await client.post("/profile", "display_name=Pirate", headers: form)
            #expect(noToken.status == .forbidden)
            let name = try await database.read { db in
                try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE login = 'lea.martin'")
            }
            #expect(name == "Léa M.", "refused edits change nothing")
        }
    }
}
