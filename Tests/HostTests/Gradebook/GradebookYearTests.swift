// GradebookYearTests: the gradebook plugin, loaded from its .so in the pilot lycée — staff cut the year, a teacher may not, a pupil reads the periods, bad dates store nothing.
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Gradebook: the school year")
struct GradebookYearTests {
    /// The pilot lycée (the gradebook is experimental): Lucas Henry is its staff, Julie Masson a teacher, Inès Moreau a pupil.
    static func kit() throws -> BlogsTestKit {
        try BlogsTestKit { workspace in _ = try workspace.installBuilt("gradebook", version: "0.1.0") }
    }

    static let trimesters: [(String, String)] = [
        ("cut", "trimesters"),
        ("name1", "1er trimestre"), ("first1", "2026-09-01"), ("last1", "2026-11-30"),
        ("name2", "2e trimestre"), ("first2", "2026-12-01"), ("last2", "2027-02-28"),
        ("name3", "3e trimestre"), ("first3", "2027-03-08"), ("last3", "2027-07-04"),
    ]

    @Test func staffCutTheYearAndAPupilReadsThePeriods() async throws {
        let kit = try Self.kit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let lucas = try await client.logInDemo("lucas.henry"), ines = try await client.logInDemo("ines.moreau")
            let empty = try await browser.page("/apps/gradebook/", as: lucas)
            #expect(empty.status == .ok && empty.text.contains("pas encore découpée") && empty.text.contains("/apps/gradebook/year"))
            #expect(try await browser.page("/apps/gradebook/year", as: lucas).status == .ok)
            let saved = try await browser.post("/apps/gradebook/year", Self.trimesters, as: lucas)
            #expect(saved.status == .seeOther)
            let home = try await browser.page("/apps/gradebook/", as: ines)
            #expect(home.status == .ok && home.text.contains("2e trimestre") && home.text.contains("Trois trimestres"))
            // Each period's days, as the reader reads dates.
            #expect(home.text.contains("1 décembre 2026") && home.text.contains("28 février 2027"))
            // A pupil gets no link to change them, and may not.
            #expect(!home.text.contains("/apps/gradebook/year"))
            #expect(try await browser.post("/apps/gradebook/year", Self.trimesters, as: ines).status == .forbidden)
        }
    }

    @Test func aTeacherWithoutTheActionMayNotCutTheYear() async throws {
        let kit = try Self.kit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let julie = try await client.logInDemo("julie.masson")
            #expect(try await browser.page("/apps/gradebook/year", as: julie).status == .forbidden)
            #expect(try await browser.post("/apps/gradebook/year", Self.trimesters, as: julie).status == .forbidden)
            #expect(try await browser.page("/apps/gradebook/", as: julie).text.contains("pas encore découpée"))
        }
    }

    @Test func periodsThatDoNotFitComeBackWithTheReasonAndStoreNothing() async throws {
        let kit = try Self.kit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let lucas = try await client.logInDemo("lucas.henry")
            #expect(try await browser.post("/apps/gradebook/year", Self.trimesters, as: lucas).status == .seeOther)
            var overlapping = Self.trimesters
            overlapping[5] = ("first2", "2026-11-15")
            overlapping[4] = ("name2", "<script>alert(1)</script>")
            let refused = try await browser.post("/apps/gradebook/year", overlapping, as: lucas)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("commence avant la fin de la précédente"))
            // What was typed comes back escaped.
            #expect(refused.text.contains("&lt;script&gt;") && !refused.text.contains("<script>alert"))
            var impossible = Self.trimesters
            impossible[9] = ("last3", "2027-02-30")
            let noSuchDay = try await browser.post("/apps/gradebook/year", impossible, as: lucas)
            #expect(noSuchDay.status == .badRequest && noSuchDay.text.contains("existe pas : saisissez une date"))
            // The year saved first is still the one shown.
            let home = try await browser.page("/apps/gradebook/", as: lucas)
            #expect(home.text.contains("2e trimestre") && !home.text.contains("alert(1)"))
        }
    }

    /// Two forms opened on the same year: the second save is a conflict, not an overwrite.
    @Test func aSaveOverAColleaguesChangeIsAConflict() async throws {
        let kit = try Self.kit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let lucas = try await client.logInDemo("lucas.henry")
            #expect(try await browser.post("/apps/gradebook/year", Self.trimesters, as: lucas).status == .seeOther)
            let form = try await browser.page("/apps/gradebook/year", as: lucas).text
            let version = try #require(form.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            var renamed = Self.trimesters + [("version", String(version))]
            renamed[1] = ("name1", "Premier trimestre")
            #expect(try await browser.post("/apps/gradebook/year", renamed, as: lucas).status == .seeOther)
            renamed[1] = ("name1", "Trimestre d'automne")
            let stale = try await browser.post("/apps/gradebook/year", renamed, as: lucas)
            #expect(stale.status == .conflict && stale.text.contains("modifié les périodes"))
            let home = try await browser.page("/apps/gradebook/", as: lucas).text
            #expect(home.contains("Premier trimestre") && !home.contains("automne"))
        }
    }
}
