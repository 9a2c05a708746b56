// ImportScopeTests: a school's web import matches and changes only people of that school, and detaches nobody unless asked.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Import scope and modes")
struct ImportScopeTests {
    /// Uploads `csv` to the school's import page as `caller`, with extra form fields.
    private static func upload(
        _ client: some TestClientProtocol, _ caller: LoggedIn, school: String, _ csv: String, fields: [(String, String)]
    ) async throws -> TestResponse {
        let form = TestImages.multipart(csrf: caller.csrf, file: Array(csv.utf8), type: "text/csv", field: "file", fields: fields)
        var headers = caller.headers
        headers[.contentType] = form.contentType
        return try await client.execute(
            uri: "/admin/schools/\(school)/import", method: .post, headers: headers, body: ByteBuffer(bytes: form.body))
    }

    private static func snapshot(_ database: HostDatabase) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT u.external_id || ':' || u.profile || ':' || u.display_name || ':' || coalesce(u.email, '') || ':' ||
                           coalesce((SELECT \(db.dialect.groupConcat("us.school_id || '/' || coalesce(us.detached_at, '')", separator: "','")) FROM user_schools us WHERE us.user_id = u.id), '') || ':' ||
                           coalesce((SELECT \(db.dialect.groupConcat("p.child_id", separator: "','")) FROM parent_links p WHERE p.parent_id = u.id), '')
                    FROM users u ORDER BY u.id
                    """)
        }
    }

    @Test func aSchoolImportCannotCaptureAnotherSchoolsAccountOrItsChildren() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let college = try await database.school("0750001A")
        let before = try await Self.snapshot(database)
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let file = DemoSeed.college + "DEMO-OPS1;Roux;Camille;Personnel;;;\nDEMO-PX;Pirate;Xavier;Parent;;;DEMO-L1\n"
            for dryRun in [true, false] {
                let response = try await Self.upload(client, sophie, school: college, file, fields: dryRun ? [("dry_run", "1")] : [])
                #expect(response.status == .unprocessableContent)
                let lines = DemoSeed.college.split(separator: "\n").count
                #expect(response.text.contains("Ligne \(lines + 1) :") && response.text.contains("Ligne \(lines + 2) :"))
                #expect(response.text.contains("appartient à un compte d&#39;un autre établissement"), "the line says why, in French")
                #expect(response.text.contains("DEMO-L1") && response.text.contains("ni parmi les élèves de l&#39;établissement"))
                #expect(
                    !response.text.contains("admin.plateforme") && !response.text.contains("ines.moreau"),
                    "no login of another school is shown")
            }
        }
        #expect(try await Self.snapshot(database) == before, "nothing was written")
        let attached = try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM user_schools us JOIN users u ON u.id = us.user_id WHERE u.external_id = 'DEMO-OPS1'")
        }
        #expect(attached == 0, "the platform admin is attached to no school")
    }

    @Test func aSchoolImportLeavesThePersonOfSeveralSchoolsAsTheyAre() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let lycee = try await database.school("0750002B")
        let college = try await database.school("0750001A")
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            // Paul teaches in both schools: the collège's file calls him a member of staff with another first name.
            let file = "identifiant;nom;prénom;profil;classe\nDEMO-T1;Durand;Paolo;Personnel;4e A\n"
            let response = try await Self.upload(client, sophie, school: college, file, fields: [])
            #expect(response.status == .ok)
            #expect(response.text.contains("DEMO-T1") && response.text.contains("aussi membres d&#39;un autre établissement"))
            // The region's admin adds Marc, a collège parent, to the lycée with a lycée pupil as his child.
            let nadia = try await client.logInDemo("nadia.benali")
            let parent = "identifiant;nom;prénom;profil;enfants\nDEMO-P1;Martin;Marc;Parent;DEMO-L1\n"
            #expect(try await Self.upload(client, nadia, school: lycee, parent, fields: []).status == .ok)
            // A child of another school is not found through this school's file.
            let foreignChild = "identifiant;nom;prénom;profil;enfants\nDEMO-P1;Martin;Marc;Parent;DEMO-E2\n"
            let refused = try await Self.upload(client, nadia, school: lycee, foreignChild, fields: [])
            #expect(refused.status == .unprocessableContent && refused.text.contains("DEMO-E2"))
        }
        let paul = try database.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT first_name, profile FROM users WHERE external_id = 'DEMO-T1'")
        }
        #expect(paul?["first_name"] == "Paul" && paul?["profile"] == "Teacher", "his name and profile are the lycée's too: unchanged")
        // Marc's children in the collège keep their link when the lycée's import lists his lycée child.
        let links = try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT c.external_id FROM parent_links p JOIN users u ON u.id = p.parent_id JOIN users c ON c.id = p.child_id
                    WHERE u.external_id = 'DEMO-P1' ORDER BY c.external_id
                    """)
        }
        #expect(links == ["DEMO-E0", "DEMO-E1", "DEMO-L1"])
    }

    @Test func theImportDetachesNobodyUnlessAFullSyncOfThoseProfilesIsConfirmed() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let college = try await database.school("0750001A")
        @Sendable func members() async throws -> Int {
            try await database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM user_schools WHERE school_id = ? AND detached_at IS NULL", arguments: [college]) ?? 0
            }
        }
        let start = try await members()
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            var pupils = "identifiant;nom;prénom;profil;classe\n"
            for index in 0..<5 {
                pupils +=
                    "DEMO-E\(index);\(DemoSeed.students[index].1);\(DemoSeed.students[index].0);Élève;\(["4e A", "4e B", "3e A"][index % 3])\n"
            }
            // The default mode adds and updates only.
            let dry = try await Self.upload(client, sophie, school: college, pupils, fields: [("dry_run", "1")])
            #expect(dry.status == .ok && dry.text.contains("0 détachements"), "a 5-pupil file detaches nobody by default")
            // A full sync detaches the pupils absent from the file, and only them; the dry run says how many.
            let sync = try await Self.upload(client, sophie, school: college, pupils, fields: [("dry_run", "1"), ("mode", "sync")])
            let absentPupils = DemoSeed.students.count - 5
            #expect(sync.text.contains("\(absentPupils) détachements"))
            #expect(sync.text.contains("Synchronisation complète : \(absentPupils) comptes seront détachés"))
            // Applying it without the confirmation is refused, and nothing changes.
            let unconfirmed = try await Self.upload(client, sophie, school: college, pupils, fields: [("mode", "sync")])
            #expect(unconfirmed.status == .badRequest && unconfirmed.text.contains("cochez la confirmation des détachements"))
            let unchanged = try await members()
            #expect(unchanged == start)
            let applied = try await Self.upload(
                client, sophie, school: college, pupils, fields: [("mode", "sync"), ("confirm_detach", "1")])
            #expect(applied.status == .ok)
            let after = try await members()
            #expect(after == start - absentPupils, "teachers, parents and the admin stay")
            // A full sync of staff never detaches the person importing.
            let staff = "identifiant;nom;prénom;profil\nDEMO-SX;Neuf;Agent;Personnel\n"
            #expect(
                try await Self.upload(client, sophie, school: college, staff, fields: [("mode", "sync"), ("confirm_detach", "1")]).status
                    == .ok)
            #expect(
                try await client.get("/admin/schools/\(college)/accounts", headers: sophie.headers).status == .ok,
                "Sophie is still in her school")
        }
    }
}
