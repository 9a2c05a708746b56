// ConsoleTests: what admins do in the console and what users notice — blocking, groups and roles, pilots, all schools at once, import, plugin review, usage.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Portal
import Testing

@Suite("The admin console")
struct ConsoleTests {
    private static func id(_ database: HostDatabase, _ sql: String) async throws -> String {
        try #require(try await database.read { db in try String.fetchOne(db, sql: sql) }, "nothing for \(sql)")
    }

    @Test func aBlockedAccountIsLoggedOutAndCannotLogInUntilUnblocked() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let chloe = try await Self.id(database, "SELECT id FROM users WHERE login = 'chloe.petit'")
        let college = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750001A'")
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let student = try await client.logInDemo("chloe.petit")
            #expect(try await client.get("/profile", headers: student.headers).status == .ok)

            let blocked = try await client.post("/admin/users/\(chloe)/block", "school=\(college)&confirm=1", headers: sophie.form)
            #expect(blocked.status == .seeOther)
            #expect(blocked.headers[.location] == "/admin/schools/\(college)/accounts?notice=blocked")
            #expect(try await client.get("/profile", headers: student.headers).status == .seeOther, "her open session ended")
            let login = try await client.post(
                "/auth/login", "_csrf=\(PortalTestClient.anonymousCSRF)&login=chloe.petit&password=\(DemoSeed.password)",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(login.status == .unauthorized)
            let accounts = try await client.get("/admin/schools/\(college)/accounts?q=chlo", headers: sophie.headers)
            #expect(accounts.text.contains("Bloqué") && accounts.text.contains("Débloquer le compte de Chloé Petit"))
            let fourthA = try await client.get("/admin/schools/\(college)/accounts?class=4e+A", headers: sophie.headers).text
            #expect(fourthA.contains("lea.martin") && !fourthA.contains("chloe.petit"), "the class filter keeps 4e A only")
            // Blocking twice says so and changes nothing.
            let again = try await client.post("/admin/users/\(chloe)/block", "school=\(college)&confirm=1", headers: sophie.form)
            #expect(again.status == .conflict && again.text.contains("Ce compte est déjà bloqué"))

            #expect(try await client.post("/admin/users/\(chloe)/unblock", "school=\(college)", headers: sophie.form).status == .seeOther)
            _ = try await client.logInDemo("chloe.petit")
            let audit = try await database.read { db in
                try String.fetchAll(
                    db, sql: "SELECT action FROM audit_log WHERE target = ? AND action LIKE 'account.%' ORDER BY id", arguments: [chloe])
            }
            #expect(audit == ["account.block", "account.unblock"])
        }
    }

    @Test func aManualGroupGivesItsMembersTheRolesGrantedToIt() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(
            ProbeOptions(publicRoutes: false, gatedRoutes: [("GET", "/whoami", "probe.publish")], actions: [("probe.publish", [])]))
        let database = try workspace.seedDemo()
        let college = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750001A'")
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard"), lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/apps/probe/whoami", headers: lea.headers).status == .forbidden)

            #expect(
                try await client.post("/admin/schools/\(college)/groups", "name=Journal+du+coll%C3%A8ge", headers: sophie.form).status
                    == .seeOther)
            let group = try await Self.id(database, "SELECT id FROM groups WHERE kind = 'manual' AND name = 'Journal du collège'")
            #expect(
                try await client.post("/admin/schools/\(college)/groups/\(group)/members", "login=lea.martin", headers: sophie.form).status
                    == .seeOther)
            // Someone of another school cannot be added; the page says why.
            let outsider = try await client.post(
                "/admin/schools/\(college)/groups/\(group)/members", "login=ines.moreau", headers: sophie.form)
            #expect(
                outsider.status == .badRequest
                    && outsider.text.contains("Aucun membre actuel de l&#39;établissement n&#39;a l&#39;identifiant « ines.moreau »"))

            // A role needs a known action; then it is granted to the group.
            let unknown = try await client.post(
                "/admin/schools/\(college)/roles", "name=Journalistes&action:blogs.fly=1", headers: sophie.form)
            #expect(unknown.status == .badRequest && unknown.text.contains("Aucune application installée ne déclare blogs.fly"))
            #expect(
                try await client.post("/admin/schools/\(college)/roles", "name=Journalistes&action:probe.publish=1", headers: sophie.form)
                    .status == .seeOther)
            let role = try await Self.id(database, "SELECT id FROM roles WHERE name = 'Journalistes'")
            #expect(
                try await client.post("/admin/schools/\(college)/roles/\(role)/grant", "group=\(group)", headers: sophie.form).status
                    == .seeOther)
            #expect(
                try await client.get("/apps/probe/whoami", headers: lea.headers).status == .ok, "Léa holds the action at her next request")

            let page = try await client.get("/admin/schools/\(college)", headers: sophie.headers)
            #expect(
                page.text.contains("Journal du collège") && page.text.contains("Léa Martin (lea.martin)")
                    && page.text.contains("probe.publish"))

            // Removing her from the group takes the action away again.
            let leaID = try await Self.id(database, "SELECT id FROM users WHERE login = 'lea.martin'")
            #expect(
                try await client.post("/admin/schools/\(college)/groups/\(group)/members/\(leaID)/remove", "", headers: sophie.form).status
                    == .seeOther)
            #expect(try await client.get("/apps/probe/whoami", headers: lea.headers).status == .forbidden)

            // A role or group of another school cannot be reached through this school's pages.
            let lycee = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750002B'")
            let foreignRole = try Roles(database: database).create(schoolID: lycee, name: "Lycée", actions: ["probe.publish"], by: nil)
            let misuse = try await client.post("/admin/schools/\(college)/roles/\(foreignRole)/delete", "", headers: sophie.form)
            #expect(misuse.status == .badRequest && misuse.text.contains("L&#39;établissement n&#39;a pas de rôle"))
            #expect(
                try await database.read { db in
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM roles WHERE id = ?", arguments: [foreignRole])
                } == true)
        }
    }

    @Test func pilotsAndAllSchoolsAtOnce() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "labo", stability: "experimental"))
        try workspace.installProbe(ProbeOptions(id: "cahier"))
        let database = try workspace.seedDemo()
        let college = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750001A'")
        let lycee = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750002B'")
        try await workspace.portal(enableInstalled: false).withClient { client in
            let nadia = try await client.logInDemo("nadia.benali")
            // An experimental app for all schools at once is refused as a whole: the collège is no pilot.
            let refused = try await client.post("/admin/modules", "school=all&plugin=labo&choice=newest", headers: nadia.form)
            #expect(refused.status == .conflict && refused.text.contains("ceux-ci ne le sont pas : 0750001A"))
            #expect(
                try await database.read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM plugin_enablement WHERE plugin_id = 'labo'")
                } == 0)
            // A stable one goes to both.
            #expect(
                try await client.post("/admin/modules", "school=all&plugin=cahier&choice=newest", headers: nadia.form).status == .seeOther)
            #expect(
                try await database.read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM plugin_enablement WHERE plugin_id = 'cahier'")
                } == 2)

            // Making the collège a pilot lets it take the experimental app; ending the pilot is then refused.
            #expect(try await client.post("/admin/schools/\(college)/pilot", "pilot=1", headers: nadia.form).status == .seeOther)
            #expect(
                try await client.post("/admin/modules", "school=all&plugin=labo&choice=newest", headers: nadia.form).status == .seeOther)
            let end = try await client.post("/admin/schools/\(lycee)/pilot", "pilot=0", headers: nadia.form)
            #expect(end.status == .conflict && end.text.contains("a encore des applications expérimentales activées (labo)"))
            #expect(
                try await database.read { db in
                    try Bool.fetchOne(db, sql: "SELECT pilot FROM schools WHERE id = ?", arguments: [lycee])
                } == true)
            #expect(
                try await client.post("/admin/modules", "school=\(lycee)&plugin=labo&choice=off", headers: nadia.form).status == .seeOther)
            #expect(try await client.post("/admin/schools/\(lycee)/pilot", "pilot=0", headers: nadia.form).status == .seeOther)
            let audit = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action LIKE 'school.%pilot' ORDER BY id")
            }
            #expect(audit == ["school.pilot", "school.unpilot"])
        }
    }

    @Test func theImportPageShowsADryRunReportAndEveryBadLine() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let college = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750001A'")
        let before = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") }
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            func upload(_ csv: String, dryRun: Bool) async throws -> TestResponse {
                let form = TestImages.multipart(
                    csrf: sophie.csrf, file: Array(csv.utf8), type: "text/csv", field: "file",
                    fields: dryRun ? [("dry_run", "1")] : [])
                var headers = sophie.headers
                headers[.contentType] = form.contentType
                return try await client.execute(
                    uri: "/admin/schools/\(college)/import", method: .post, headers: headers, body: ByteBuffer(bytes: form.body))
            }
            let file = "identifiant;nom;prénom;profil;classe\nNEW-1;Nouvel;Élève;Élève;4e A\nNEW-2;Autre;Élève;Élève;5e C\n"
            let dry = try await upload(file, dryRun: true)
            #expect(dry.status == .ok)
            #expect(dry.text.contains("Simulation : 2 créations"), "the report counts what would change")
            #expect(dry.text.contains("NEW-1") && dry.text.contains("Classes créées : 5e C"))
            #expect(
                try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") } == before,
                "a dry run writes nothing")

            let bad = try await upload(
                "identifiant;nom;prénom;profil;classe\nBAD-1;Sans;Profil;Prof;4e A\nBAD-2;;Nom;Élève;4e A\n", dryRun: false)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Ligne 2 :") && bad.text.contains("Ligne 3 :") && bad.text.contains("rien n&#39;a été importé"))
            #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") } == before)

            let missing = try await client.execute(
                uri: "/admin/schools/\(college)/import", method: .post, headers: sophie.form,
                body: ByteBuffer(string: "_csrf=\(sophie.csrf)"))
            #expect(missing.status == .badRequest && missing.text.contains("Choisissez un fichier CSV"))
        }
    }

    @Test func thePlatformAdminReviewsInstalledAndRefusedPlugins() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(
            ProbeOptions(id: "revue", gatedRoutes: [("POST", "/items", "revue.write")], actions: [("revue.write", ["Teacher"])]))
        try workspace.installProbe(ProbeOptions(id: "casse", checksum: String(repeating: "0", count: 64)))
        let database = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let platform = try await client.logInDemo("admin.plateforme")
            let page = try await client.get("/admin/plugins", headers: platform.headers)
            #expect(page.status == .ok)
            for fact in [
                "revue.write", "Enseignant", "/items", "Action revue.write", "Chargée", "Refusée", "checksum mismatch", "1.5", "stable",
            ] {
                #expect(page.text.contains(fact), "the review shows \(fact)")
            }
            #expect(
                try await client.get("/admin/plugins", headers: try await client.logInDemo("nadia.benali").headers).status == .forbidden)

            // Authorities: create one and name its admin.
            #expect(try await client.post("/admin/authorities", "name=R%C3%A9gion+Nord", headers: platform.form).status == .seeOther)
            let authority = try await Self.id(database, "SELECT id FROM authorities WHERE name = 'Région Nord'")
            #expect(
                try await client.post("/admin/authorities/\(authority)/admins", "login=lucas.henry", headers: platform.form).status
                    == .seeOther)
            let unknown = try await client.post("/admin/authorities/\(authority)/admins", "login=personne", headers: platform.form)
            #expect(unknown.status == .badRequest && unknown.text.contains("Aucun compte n&#39;a l&#39;identifiant « personne »"))
            let lucas = try await client.logInDemo("lucas.henry")
            #expect(
                try await client.get("/admin/modules", headers: lucas.headers).status == .ok, "the new authority admin reaches the console")
            #expect(
                try await client.post(
                    "/admin/schools", "uai=0590001N&name=Coll%C3%A8ge+du+Nord&authority=\(authority)", headers: lucas.form
                ).status == .seeOther)
            let schools = try await client.get("/admin/schools", headers: lucas.headers)
            #expect(
                schools.text.contains("Collège du Nord") && !schools.text.contains("Collège Victor Hugo"),
                "only the schools of their own authority")
        }
    }

    @Test func usageCountsShowDocumentsAndRecentUsersPerSchool() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(publicRoutes: false))
        let database = try workspace.seedDemo()
        let portal = try workspace.portal()
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin"), chloe = try await client.logInDemo("chloe.petit")
            for caller in [lea, lea, chloe] {
                #expect(try await client.get("/apps/probe/identity", headers: caller.headers).status == .ok)
            }
            #expect(
                try await client.post("/apps/probe/store/put?collection=items&id=one", "{\"rank\": 1}", headers: lea.headers).status.code
                    < 300)
            try portal.visits.flush()
            let school = try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'")
            }
            let figures = try database.accessReports.usage(schoolIDs: [try #require(school)], pluginIDs: ["probe"])
            #expect(figures.values.first?["probe"] == ModuleUsage.Figures(documents: 1, users: 2))
            let nadia = try await client.logInDemo("nadia.benali")
            #expect(
                try await client.get("/admin/modules", headers: nadia.headers).text.contains("1 documents · 2 utilisateurs sur 30 jours"))
        }
    }
}
