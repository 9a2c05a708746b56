// ConsoleNamesTests: admins read rights, profiles, audit actions, people and dates by their names in their language, never as raw keys or ids.
import CartableText
import CartableWire
import Foundation
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Console: names, not keys")
struct ConsoleNamesTests {
    @Test func rightsAreNamedInTheReadersLanguage() async throws {
        let kit = try BlogsTestKit()
        let school = try await kit.database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'")
        }
        try await kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let form = BlogsTestKit.encode([("_csrf", sophie.csrf), ("name", "Rédaction"), ("action:blogs.create", "1")])
            #expect(try await client.post("/admin/schools/\(school ?? "")/roles", form, headers: sophie.form).status == .seeOther)
            let page = try await client.get("/admin/schools/\(school ?? "")", headers: sophie.headers).text
            #expect(page.contains("<label for=\"action-0\">Créer un blog</label>"), "the checkbox names the right")
            #expect(page.contains("<td>Créer un blog</td>"), "the role's rights are named")
            #expect(!page.contains(">blogs.create<"), "never the raw key")
            var english = sophie.headers
            english[.acceptLanguage] = "en"
            let inEnglish = try await client.get("/admin/schools/\(school ?? "")", headers: english).text
            #expect(inEnglish.contains("Create a blog"))

            let platform = try await client.logInDemo("admin.plateforme")
            let review = try await client.get("/admin/plugins", headers: platform.headers).text
            #expect(review.contains("Créer un blog"))
            #expect(review.contains("Enseignant, Personnel"), "default profiles are named, not Teacher, Personnel")
            #expect(!review.contains("Teacher"))
        }
    }

    @Test func theAuditLogNamesPeopleAndActionsWithLocalDates() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            _ = try await client.logInDemo("lea.martin")
            let sophie = try await client.logInDemo("sophie.bernard")
            let lea = try await kit.id(ofUser: "lea.martin")
            let revoked = try await client.post("/admin/users/\(lea)/revoke-sessions", "_csrf=\(sophie.csrf)", headers: sophie.form)
            #expect(revoked.status.code < 400, "\(revoked.status)")
            let page = try await client.get("/admin/audit", headers: sophie.headers).text
            #expect(page.contains("Léa Martin"), "people by name")
            #expect(!page.contains(lea), "no user id")
            #expect(page.contains("Connexion"), "the action by its name")
            #expect(page.contains("Sessions fermées"))
            #expect(!page.contains("<td>login</td>") && !page.contains("<td>sessions.revoke</td>"))
            // The date in French, in the schools' time zone, with the exact instant for machines.
            let stamp = try #require(page.firstMatch(of: /<time datetime="([^"]+)">([^<]+)<\/time>/))
            #expect(stamp.1.hasSuffix("Z") || stamp.1.contains("+"))
            let instant = try #require(ReaderDates.parse(String(stamp.1)))
            #expect(String(stamp.2) == ReaderDates.french.dayAndTime(instant), "written in French, in the schools' time zone")
            // The filter offers actions by name.
            #expect(page.contains("<option value=\"login\">Connexion</option>"))
        }
    }

    @Test func everyAuditActionTheHostRecordsHasANameInBothLanguages() throws {
        let sources = TestPaths.repository.appendingPathComponent("Sources")
        var actions = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            guard text.contains("AuditEntry(") else { continue }
            for match in text.matches(of: /action: "([a-z0-9._-]+)"/) { actions.insert(String(match.1)) }
            for match in text.matches(of: /action: [^,()]*? \? "([a-z0-9._-]+)" : "([a-z0-9._-]+)"/) {
                actions.insert(String(match.1))
                actions.insert(String(match.2))
            }
        }
        #expect(actions.count > 40, "the scan found the host's actions: \(actions.count)")
        for language in ["fr", "en"] {
            let url = sources.appendingPathComponent("HostLocales/Locales/\(language).json")
            let table = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
            let missing = actions.filter { table["audit.action.\($0)"] == nil }.sorted()
            #expect(missing.isEmpty, "\(language): no name for \(missing)")
        }
    }

    @Test func importErrorsAndCountsReadInTheAdminsLanguage() async throws {
        let kit = try BlogsTestKit()
        let school = try #require(
            try await kit.database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") })
        try await kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            func upload(_ csv: String, language: String) async throws -> String {
                let form = TestImages.multipart(
                    csrf: sophie.csrf, file: Array(csv.utf8), type: "text/csv", field: "file", fields: [("dry_run", "1")])
                var headers = sophie.headers
                headers[.contentType] = form.contentType
                headers[.acceptLanguage] = language
                return try await client.execute(
                    uri: "/admin/schools/\(school)/import", method: .post, headers: headers, body: ByteBuffer(bytes: form.body)
                ).text
            }
            let one = try await upload("identifiant;nom;prénom;profil;date_naissance\nX1;Test;Ana;Élève;2012-13-40\n", language: "fr")
            #expect(one.contains("la date de naissance « 2012-13-40 » n&#39;est pas une date"), "the reason in French")
            #expect(one.contains("1 erreur : rien n&#39;a été importé"), "one error, singular")
            #expect(!one.contains("is not a date"))
            let two = try await upload("identifiant;nom;prénom;profil\nX1;Test;Ana;Prof\nX2;;Léo;Élève\n", language: "en")
            #expect(two.contains("2 errors: nothing was imported"))
            #expect(two.contains("unknown profile &#39;Prof&#39;") && two.contains("the last name is empty."))
        }
    }

    @Test func countedWordsTakeTheirPlural() {
        #expect(pluralKey("post.comments", count: 1, language: "fr") == "post.comments.one")
        #expect(pluralKey("post.comments", count: 0, language: "fr") == "post.comments.one", "French: 0 commentaire")
        #expect(pluralKey("post.comments", count: 0, language: "en") == "post.comments.other", "English: 0 comments")
        #expect(pluralKey("post.comments", count: 2, language: "fr") == "post.comments.other")
        #expect(
            Localizer.shared.plural("console.import_failed", count: 1_234, "fr").hasPrefix(
                Localizer.shared.number(1_234, "fr") + " erreurs"))
        #expect(Localizer.shared.plural("console.import_failed", count: 1, "en").hasPrefix("1 error:"))
    }
}
