// BulkAccountsTests: a school admin selects several accounts for new codes, a block or a move to another class; a batch reaching outside their school changes nothing.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Console: actions on several accounts")
struct BulkAccountsTests {
    struct Fixture {
        let kit: BlogsTestKit
        let school: String
        let ids: [String: String]

        init() async throws {
            kit = try BlogsTestKit()
            school = try #require(
                try await kit.database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") })
            var ids: [String: String] = [:]
            for login in ["chloe.petit", "hugo.martin", "lea.martin", "ines.moreau", "anne.nguyen"] {
                ids[login] = try await kit.id(ofUser: login)
            }
            self.ids = ids
        }

        func bulk(
            _ client: some TestClientProtocol, as who: LoggedIn, _ fields: [(String, String)], logins: [String]
        ) async throws
            -> TestResponse
        {
            let selected = logins.compactMap { ids[$0] }.map { ("user:\($0)", "1") }
            return try await client.post(
                "/admin/schools/\(school)/accounts/bulk", BlogsTestKit.encode([("_csrf", who.csrf)] + fields + selected),
                headers: who.form)
        }

        func value(_ sql: String, _ arguments: SQLArguments = []) async throws -> String? {
            try await kit.database.read { db in try String.fetchOne(db, sql: sql, arguments: arguments) }
        }
    }

    @Test func theAccountsPageLetsAnAdminSelectAccounts() async throws {
        let fixture = try await Fixture()
        try await fixture.kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let page = try await client.get("/admin/schools/\(fixture.school)/accounts", headers: sophie.headers).text
            let chloe = try #require(fixture.ids["chloe.petit"])
            #expect(page.contains("name=\"user:\(chloe)\""), "a checkbox per account")
            #expect(page.contains("Sélectionner Chloé Petit"), "each checkbox is labelled")
            #expect(page.contains("<option value=\"codes\">"), "the actions to choose from")
            #expect(page.contains(">4e B</option>"), "the classes to move to")
        }
    }

    @Test func newCodesForTheSelectedAccountsComeAsACSV() async throws {
        let fixture = try await Fixture()
        try await fixture.kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let response = try await fixture.bulk(client, as: sophie, [("action", "codes")], logins: ["chloe.petit", "hugo.martin"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = response.text.split(separator: "\r\n")
            #expect(lines.count == 3, "a header and two accounts: \(response.text)")
            #expect(lines.contains { $0.hasPrefix("chloe.petit;Petit;Chloé;Student;") })
            let code = try await fixture.value("SELECT activation_code FROM users WHERE login = 'hugo.martin'")
            #expect(code.map { response.text.contains($0) } == true, "the code in the file is the one stored")
            #expect(
                try await fixture.value("SELECT activation_code FROM users WHERE login = 'lea.martin'") == nil, "not selected, untouched")
        }
    }

    @Test func aBlockOfSeveralAsksFirstThenBlocksThemAll() async throws {
        let fixture = try await Fixture()
        try await fixture.kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let hugo = try await client.logInDemo("hugo.martin")
            let ask = try await fixture.bulk(client, as: sophie, [("action", "block")], logins: ["chloe.petit", "hugo.martin"])
            #expect(ask.status == .ok)
            #expect(ask.text.contains("Chloé Petit") && ask.text.contains("Hugo Martin"), "the confirmation names them")
            #expect(try await fixture.value("SELECT state FROM users WHERE login = 'hugo.martin'") == "active", "nothing yet")
            let done = try await fixture.bulk(
                client, as: sophie, [("action", "block"), ("confirm", "1")], logins: ["chloe.petit", "hugo.martin"])
            #expect(done.status == .seeOther)
            #expect(try await fixture.value("SELECT state FROM users WHERE login = 'chloe.petit'") == "blocked")
            #expect(try await fixture.value("SELECT state FROM users WHERE login = 'hugo.martin'") == "blocked")
            #expect(try await client.get("/profile", headers: hugo.headers).status == .seeOther, "his session ended")
        }
    }

    @Test func pupilsMoveToAnotherClassButTeachersDoNot() async throws {
        let fixture = try await Fixture()
        let fourthB = try await fixture.kit.classID("4e B")
        try await fixture.kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let moved = try await fixture.bulk(
                client, as: sophie, [("action", "move"), ("class", fourthB)], logins: ["chloe.petit", "lea.martin"])
            #expect(moved.status == .seeOther)
            let classes = try await fixture.kit.database.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT c.name FROM user_classes uc JOIN classes c ON c.id = uc.class_id JOIN users u ON u.id = uc.user_id
                        WHERE u.login = 'lea.martin'
                        """)
            }
            #expect(classes == ["4e B"], "out of 4e A, into 4e B")
            // A teacher's classes are the timetable's: a batch with one is refused whole.
            let refused = try await fixture.bulk(
                client, as: sophie, [("action", "move"), ("class", fourthB)], logins: ["hugo.martin", "anne.nguyen"])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("élèves"))
        }
    }

    @Test func aBatchWithSomeoneOutsideTheAdminsReachChangesNothing() async throws {
        let fixture = try await Fixture()
        try await fixture.kit.portal.withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            // Inès is a pupil of the lycée, outside the collège admin's reach.
            let response = try await fixture.bulk(
                client, as: sophie, [("action", "block"), ("confirm", "1")], logins: ["chloe.petit", "ines.moreau"])
            #expect(response.status == .forbidden)
            #expect(try await fixture.value("SELECT state FROM users WHERE login = 'chloe.petit'") == "active", "all or nothing")
            #expect(try await fixture.value("SELECT state FROM users WHERE login = 'ines.moreau'") == "active")
            let refusal = try await fixture.value(
                "SELECT detail FROM audit_log WHERE action = 'account.refused' AND target = ?", [fixture.ids["ines.moreau"]])
            #expect(refusal != nil, "the attempt is audited")
            // A pupil cannot use the route at all.
            let lea = try await client.logInDemo("lea.martin")
            #expect(try await fixture.bulk(client, as: lea, [("action", "codes")], logins: ["chloe.petit"]).status == .forbidden)
        }
    }
}
