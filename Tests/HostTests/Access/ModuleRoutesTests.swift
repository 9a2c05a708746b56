// ModuleRoutesTests: the authority admin's apps-per-school matrix over HTTP, its scope and its refusals.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Apps per school in the admin console")
struct ModuleRoutesTests {
    @Test func anAuthorityAdminEnablesAnAppForOneSchoolAndNotTheOther() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.installProbe(ProbeOptions(id: "labo", stability: "experimental"))
        let database = try workspace.seedDemo()
        let school = { (uai: String) in
            try #require(
                try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = ?", arguments: [uai])
                })
        }
        let college = try await school("0750001A"), lycee = try await school("0750002B")
        try await workspace.portal(enableInstalled: false).withClient { client in
            let admin = try await client.logInDemo("nadia.benali")
            let matrix = try await client.get("/admin/modules", headers: admin.headers)
            #expect(matrix.status == .ok)
            #expect(matrix.text.contains("Collège Victor Hugo") && matrix.text.contains("Lycée Marie Curie (pilote)"))
            #expect(matrix.text.contains("<label class=\"visually-hidden\" for=\"m-0750001A-notes\">"), "every cell's control is labelled")

            let enabled = try await client.post("/admin/modules", "school=\(college)&plugin=notes&choice=newest", headers: admin.form)
            #expect(enabled.status == .seeOther)
            let lea = try await client.logInDemo("lea.martin"), ines = try await client.logInDemo("ines.moreau")
            #expect(try await client.get("/apps/notes/api/me", headers: lea.headers).status == .ok)
            #expect(try await client.get("/", headers: lea.headers).text.contains("href=\"/apps/notes/\""))
            #expect(try await client.get("/apps/notes/api/me", headers: ines.headers).status == .notFound)
            #expect(!(try await client.get("/", headers: ines.headers).text.contains("/apps/notes/")))

            // The experimental app is refused for the collège, with the reason, and accepted for the pilot lycée.
            let refused = try await client.post("/admin/modules", "school=\(college)&plugin=labo&choice=newest", headers: admin.form)
            #expect(refused.status == .conflict)
            #expect(
                refused.text.contains(
                    "labo 1.0.0 est expérimentale : seuls les établissements pilotes peuvent l&#39;activer, et ceux-ci ne le sont pas : 0750001A"
                ))
            #expect(
                try await client.post("/admin/modules", "school=\(lycee)&plugin=labo&choice=newest", headers: admin.form).status
                    == .seeOther)

            // Turning notes off again for the collège.
            _ = try await client.post("/admin/modules", "school=\(college)&plugin=notes&choice=off", headers: admin.form)
            #expect(try await client.get("/apps/notes/api/me", headers: lea.headers).status == .notFound)

            // A school admin, a teacher and an admin of another authority may not.
            let sophie = try await client.logInDemo("sophie.bernard")
            #expect(try await client.get("/admin/modules", headers: sophie.headers).status == .forbidden)
            #expect(
                try await client.post("/admin/modules", "school=\(college)&plugin=notes&choice=newest", headers: sophie.form).status
                    == .forbidden)
            let paul = try await client.logInDemo("paul.durand")
            #expect(
                try await client.post("/admin/modules", "school=\(college)&plugin=notes&choice=newest", headers: paul.form).status
                    == .forbidden)
            try await database.write { db in
                let other = UUID().uuidString.lowercased()
                try db.execute(
                    sql: "INSERT INTO authorities (id, name, created_at) VALUES (?, 'Autre région', '2026-01-01')", arguments: [other])
                try db.execute(
                    sql: """
                        INSERT INTO admin_functions (user_id, function, scope_id) SELECT id, 'authority', ? FROM users WHERE login = 'lucas.henry'
                        """, arguments: [other])
            }
            let outsider = try await client.logInDemo("lucas.henry")
            #expect(
                try await client.post("/admin/modules", "school=\(college)&plugin=notes&choice=newest", headers: outsider.form).status
                    == .forbidden)
            #expect(
                !(try await client.get("/admin/modules", headers: outsider.headers).text.contains("Collège Victor Hugo")),
                "another authority's schools are not listed")
            #expect(
                try await client.get("/apps/notes/api/me", headers: lea.headers).status == .notFound, "no refused request enabled anything")
        }
        let audited = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action LIKE 'module.%' ORDER BY id")
        }
        #expect(audited == ["module.enable", "module.enable", "module.disable"])
    }
}
