// PersonalDataTests: the RGPD export with plugins' data, anonymizing a departed user, and the audit log each admin may read.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Personal data and audit")
struct PersonalDataTests {
    func workspace(eraseFails: Bool = false) throws -> (PluginWorkspace, HostDatabase) {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.installProbe(ProbeOptions(id: "keeper", defines: ["PROBE_PERSONAL_DATA"] + (eraseFails ? ["PROBE_ERASE_FAILS"] : [])))
        return (workspace, try workspace.seedDemo())
    }

    func user(_ login: String, _ database: HostDatabase) throws -> String {
        try #require(
            try database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login]) })
    }

    @Test func exportHoldsTheHostsAndEachPluginsData() async throws {
        let (workspace, database) = try workspace()
        let paulID = try user("paul.durand", database)
        try await workspace.portal().withClient { client in
            #expect(try await client.get("/profile/export").status == .unauthorized)
            let paul = try await client.logInDemo("paul.durand")
            _ = try await client.post("/apps/notes/notes", "title=Conseil+de+classe&body=Pr%C3%A9parer", headers: paul.form)
            let response = try await client.get("/profile/export", headers: paul.headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            let export = try response.json()
            let host = try #require(export["host"] as? [String: Any])
            let account = try #require(host["account"] as? [String: Any])
            #expect(account["login"] as? String == "paul.durand")
            #expect(account["external_id"] as? String == "DEMO-T1")
            #expect((host["schools"] as? [[String: Any]])?.compactMap { $0["uai"] as? String } == ["0750001A", "0750002B"])
            #expect(((host["sessions"] as? [Any])?.count ?? 0) >= 1)
            #expect(!response.text.contains("password"), "no secret is exported")
            #expect(!response.text.contains("activation_code"))

            let plugins = try #require(export["plugins"] as? [String: Any])
            let notes = try #require(plugins["notes"] as? [[String: Any]])
            let notesOfCollege = notes.first { $0["school"] as? String == "0750001A" }
            #expect((notesOfCollege?["data"] as? [[String: Any]])?.first?["title"] as? String == "Conseil de classe")
            #expect((notes.first { $0["school"] as? String == "0750002B" }?["data"] as? [Any])?.isEmpty == true)
            let keeper = try #require(plugins["keeper"] as? [[String: Any]])
            #expect(keeper.count == 2, "one call per school the user belongs to")
            #expect(keeper.compactMap { ($0["data"] as? [String: Any])?["school"] as? String } == ["0750001A", "0750002B"])
            #expect(keeper.allSatisfy { ($0["data"] as? [String: Any])?["probe"] as? String == paulID })
            #expect((keeper.first?["data"] as? [String: Any])?["method"] as? String == "EXPORT")

            let audited = try await database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM audit_log WHERE action = 'profile.export' AND actor_id = ?", arguments: [paulID])
            }
            #expect(audited == 1)
        }
    }

    @Test func aSchoolAdminAnonymizesADepartedPupilEverywhere() async throws {
        let (workspace, database) = try workspace()
        let lea = try user("lea.martin", database), paul = try user("paul.durand", database)
        try await workspace.portal().withClient { client in
            let pupil = try await client.logInDemo("lea.martin")
            _ = try await client.post("/apps/notes/notes", "title=Journal&body=secret", headers: pupil.form)
            let notesBefore = try await database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE plugin = 'notes'")
            }
            #expect(notesBefore == 1)

            // Not an admin, and an admin of the wrong scope, are refused.
            let classmate = try await client.logInDemo("chloe.petit")
            #expect(try await client.get("/admin/users/\(lea)/anonymize", headers: classmate.headers).status == .forbidden)
            #expect(try await client.post("/admin/users/\(lea)/anonymize", "confirm=1", headers: classmate.form).status == .forbidden)
            let admin = try await client.logInDemo("sophie.bernard")
            let teacherElsewhere = try await client.get("/admin/users/\(paul)/anonymize", headers: admin.headers)
            #expect(teacherElsewhere.status == .forbidden, "Paul still teaches in a school Sophie does not administer")

            let confirm = try await client.get("/admin/users/\(lea)/anonymize", headers: admin.headers)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Léa Martin"))
            let unconfirmed = try await client.post("/admin/users/\(lea)/anonymize", "", headers: admin.form)
            #expect(unconfirmed.status == .badRequest)
            #expect(
                try await database.read { db in try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [lea])
                } == "active")

            let done = try await client.post("/admin/users/\(lea)/anonymize", "confirm=1", headers: admin.form)
            #expect(done.status == .ok)
            #expect(done.text.contains("Le compte est anonymisé"))

            let row = try #require(
                try await database.read { db in
                    try SQLRow.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [lea])
                })
            #expect(row["state"] as String == "anonymized")
            #expect(row["display_name"] as String == "—")
            #expect(row["first_name"] as String == "")
            #expect(row["external_id"] as String? == nil)
            #expect(row["password_hash"] as String? == nil)
            #expect((row["login"] as String).hasPrefix("anonymized-"))
            let leftovers = try await database.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM parent_links WHERE child_id = ?", arguments: [lea]) ?? -1,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM user_classes WHERE user_id = ?", arguments: [lea]) ?? -1,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE plugin = 'notes'") ?? -1,
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM audit_log WHERE action = 'user.anonymize' AND target = ?", arguments: [lea]) ?? -1
                )
            }
            #expect(leftovers.0 == 0 && leftovers.1 == 0, "links and classes are gone")
            #expect(leftovers.2 == 0, "the notes plugin erased her notes through cartable.personal-data/1")
            #expect(leftovers.3 == 1)
            #expect(try await client.get("/apps/keeper/erasures").json()["erasures"] as? Int == 1, "each plugin was asked once per school")

            // Her session is over and she cannot log in again.
            #expect(try await client.get("/apps/notes/api/notes", headers: pupil.headers).status == .unauthorized)
            let login = try await client.post(
                "/auth/login", "login=lea.martin&password=\(DemoSeed.password)",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(login.status == .unauthorized)
            let again = try await client.post("/admin/users/\(lea)/anonymize", "confirm=1", headers: admin.form)
            #expect(again.status == .conflict)
            #expect(again.text.contains("déjà anonymisé"))
            let profile = try await client.get("/profile/\(lea)", headers: admin.headers)
            #expect(profile.text.contains("Ce compte a été anonymisé."))
        }
    }

    @Test func aPluginThatCannotEraseStopsTheAnonymization() async throws {
        let (workspace, database) = try workspace(eraseFails: true)
        let lea = try user("lea.martin", database)
        try await workspace.portal().withClient { client in
            let admin = try await client.logInDemo("sophie.bernard")
            let failed = try await client.post("/admin/users/\(lea)/anonymize", "confirm=1", headers: admin.form)
            #expect(failed.status == .badGateway)
            #expect(failed.text.contains("the probe cannot erase today"))
            let state = try await database.read { db in
                try String.fetchOne(db, sql: "SELECT state || ' ' || login FROM users WHERE id = ?", arguments: [lea])
            }
            #expect(state == "active lea.martin", "the host changed nothing; the admin can retry")
        }
    }

    @Test func aSchoolAdminGivesResetCodesAndEndsSessionsInTheirSchoolOnly() async throws {
        let (workspace, database) = try workspace()
        let lea = try user("lea.martin", database), ines = try user("ines.moreau", database), paul = try user("paul.durand", database)
        try await workspace.portal().withClient { client in
            let pupil = try await client.logInDemo("lea.martin")
            let classmate = try await client.logInDemo("chloe.petit")
            #expect(try await client.post("/admin/users/\(lea)/reset-code", "", headers: classmate.form).status == .forbidden)
            #expect(try await client.post("/admin/users/\(lea)/revoke-sessions", "", headers: classmate.form).status == .forbidden)

            let admin = try await client.logInDemo("sophie.bernard")
            #expect(
                try await client.get("/profile/\(lea)", headers: admin.headers).text.contains("action=\"/admin/users/\(lea)/reset-code\""))
            #expect(try await client.post("/admin/users/\(ines)/reset-code", "", headers: admin.form).status == .forbidden, "a lycée pupil")
            #expect(
                try await client.post("/admin/users/\(paul)/revoke-sessions", "", headers: admin.form).status == .forbidden,
                "a teacher of her school who also teaches at the lycée: the region's admin acts on him")

            let ended = try await client.post("/admin/users/\(lea)/revoke-sessions", "", headers: admin.form)
            #expect(ended.text.contains("Sessions fermées : 1."))
            #expect(try await client.get("/apps/notes/api/notes", headers: pupil.headers).status == .unauthorized)

            let issued = try await client.post("/admin/users/\(lea)/reset-code", "", headers: admin.form)
            let code = try #require(issued.text.firstMatch(of: /valable 7 jours : ([A-Z0-9-]+)\./)?.1).description
            let activated = try await client.post(
                "/auth/activate", "login=lea.martin&code=\(code)&password=Nouveau-Mot2passe&confirm=Nouveau-Mot2passe",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(activated.status == .seeOther, "the code lets her choose a new password")
            let actions = try await database.read { db in
                try String.fetchAll(
                    db, sql: "SELECT action FROM audit_log WHERE target = ? AND action IN ('reset-code', 'sessions.revoke') ORDER BY id",
                    arguments: [lea])
            }
            #expect(actions == ["sessions.revoke", "reset-code"])
        }
    }

    @Test func eachAdminReadsTheAuditLogOfTheirOwnSchools() async throws {
        let (workspace, database) = try workspace()
        try await workspace.portal().withClient { client in
            _ = try await client.logInDemo("ines.moreau")
            _ = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/admin/audit").status == .unauthorized)
            let pupil = try await client.logInDemo("chloe.petit")
            #expect(try await client.get("/admin/audit", headers: pupil.headers).status == .forbidden)

            let admin = try await client.logInDemo("sophie.bernard")
            let page = try await client.get("/admin/audit?action=login", headers: admin.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("<td>Léa Martin<br><small>lea.martin</small></td>"))
            #expect(!page.text.contains("ines.moreau"), "the lycée's logins are not the collège admin's business")
            let imports = try await client.get("/admin/audit?action=import", headers: admin.headers)
            #expect(imports.text.contains("<td>Collège Victor Hugo (0750001A)</td>"))
            #expect(!imports.text.contains("0750002B"))

            // An authority admin reads both of the authority's schools.
            try await database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO admin_functions (user_id, function, scope_id)
                        SELECT u.id, 'authority', a.id FROM users u, authorities a WHERE u.login = 'lucas.henry'
                        """)
            }
            let authority = try await client.logInDemo("lucas.henry")
            let wide = try await client.get("/admin/audit?action=login", headers: authority.headers)
            #expect(wide.text.contains("ines.moreau"))
            #expect(wide.text.contains("lea.martin"))
        }
    }
}
