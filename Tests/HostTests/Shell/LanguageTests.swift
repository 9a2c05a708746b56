// LanguageTests: the portal speaks the user's chosen language, else the browser's, else French — pages, plugins and dates alike.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Languages")
struct LanguageTests {
    @Test func theProfileChoiceWinsOverTheBrowserAndReachesPlugins() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(publicRoutes: false))
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            var french = lea.headers
            french[.acceptLanguage] = "fr-FR,fr;q=0.9"
            var english = lea.headers
            english[.acceptLanguage] = "en-GB,en;q=0.8"
            #expect(try await client.get("/", headers: french).text.contains("<html lang=\"fr\">"))
            #expect(try await client.get("/", headers: english).text.contains("<html lang=\"en\">"), "the browser's language by default")
            #expect(try await client.get("/", headers: lea.headers).text.contains("<html lang=\"fr\">"), "French without any preference")

            let saved = try await client.post("/profile", "_csrf=\(lea.csrf)&display_name=L%C3%A9a+Martin&language=en", headers: lea.form)
            #expect(saved.status == .seeOther)
            let home = try await client.get("/", headers: french)
            #expect(home.text.contains("<html lang=\"en\">") && home.text.contains("Timeline"), "her choice wins over the browser")
            #expect(try await client.get("/apps/probe/whoami", headers: french).json()["locale"] as? String == "en", "plugins get it too")
            #expect(
                try await client.get("/profile", headers: french).text.contains(
                    "<option value=\"en\" selected lang=\"en\">English</option>"))

            let refused = try await client.post("/profile", "_csrf=\(lea.csrf)&display_name=L%C3%A9a&language=de", headers: lea.form)
            #expect(refused.status == .badRequest && refused.text.contains("This language is not offered"))

            // Back to the browser's.
            _ = try await client.post("/profile", "_csrf=\(lea.csrf)&display_name=L%C3%A9a+Martin&language=", headers: lea.form)
            #expect(try await client.get("/", headers: french).text.contains("<html lang=\"fr\">"))
        }
    }

    @Test func timelineDatesAreWrittenTheWayEachLanguageWritesThem() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "cahier", publicRoutes: false, emits: ["cahier.done"]))
        let database = try workspace.seedDemo()
        try await database.write { db in
            let lea = try #require(try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = 'lea.martin'"))
            let school = try #require(try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'"))
            let event = try Int64.fetchOne(
                db,
                sql: """
                    INSERT INTO events (plugin_id, school_id, type, link, params, audience, created_at)
                    VALUES ('cahier', ?, 'cahier.done', '/apps/cahier/', '{}', '{}', '2026-03-05T12:07:00Z') RETURNING id
                    """, arguments: [school])
            try db.execute(
                sql: "INSERT INTO event_recipients (user_id, event_id, school_id) VALUES (?, ?, ?)", arguments: [lea, event, school])
        }
        try await workspace.portal().withClient { client in
            var lea = try await client.logInDemo("lea.martin").headers
            let french = try await client.get("/", headers: lea).text
            #expect(french.contains("title=\"5 mars 2026 à 13:07\""))
            #expect(french.contains("jeudi 5 mars"))
            lea[.acceptLanguage] = "en"
            let english = try await client.get("/", headers: lea).text
            #expect(english.contains("title=\"5 March 2026 at 13:07\""))
            #expect(english.contains("Thursday 5 March"))
            #expect(!english.contains("March 5"))
        }
    }
}
