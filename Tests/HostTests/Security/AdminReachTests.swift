// AdminReachTests: an admin acts on an account only when every current school of its owner is theirs, never on an equal or higher admin, and never by one careless click.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Admin reach over accounts")
struct AdminReachTests {
    private static func audit(_ database: HostDatabase, target: String) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(
                db, sql: "SELECT action || ' ' || coalesce(detail, '') FROM audit_log WHERE target = ? ORDER BY id", arguments: [target])
        }
    }

    @Test func theCollegeAdminCannotTakeOverATeacherWhoAlsoWorksAtTheLycee() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let paul = try await database.user("paul.durand")
        let college = try await database.school("0750001A")
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let teacher = try await client.logInDemo("paul.durand")
            let reset = try await client.post("/admin/users/\(paul)/reset-code", "", headers: sophie.form)
            #expect(reset.status == .forbidden)
            #expect(!reset.text.contains("code"), "no code is shown")
            for act in ["block", "unblock", "revoke-sessions"] {
                let refused = try await client.post("/admin/users/\(paul)/\(act)", "school=\(college)&confirm=1", headers: sophie.form)
                #expect(refused.status == .forbidden, "\(act) is refused")
            }
            #expect(try await client.get("/profile", headers: teacher.headers).status == .ok, "Paul's session is untouched")
            #expect(
                try await database.read { db in
                    try String.fetchOne(db, sql: "SELECT activation_code FROM users WHERE id = ?", arguments: [paul])
                } == nil, "no reset code was issued")
            // The region's admin, whose reach covers both schools, may.
            let nadia = try await client.logInDemo("nadia.benali")
            let allowed = try await client.post("/admin/users/\(paul)/reset-code", "", headers: nadia.form)
            #expect(allowed.status == .ok)
            #expect(
                try await database.read { db in
                    try String.fetchOne(db, sql: "SELECT activation_code FROM users WHERE id = ?", arguments: [paul])
                } != nil)
        }
        let entries = try await Self.audit(database, target: paul)
        #expect(entries.filter { $0.hasPrefix("account.refused") }.count == 4, "every refused attempt is audited: \(entries)")
        #expect(entries.contains("account.refused reset-code: outside the admin's schools"))
        #expect(entries.last == "reset-code ")
    }

    @Test func anAdminNeverActsOnAnAdminOfEqualOrHigherRankNorOnThemselves() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let college = try await database.school("0750001A")
        let sophieID = try await database.user("sophie.bernard")
        let anne = try await database.user("anne.nguyen")
        try AdminFunctions(database: database).grant(.school, scopeID: college, login: "anne.nguyen", by: nil)
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            // A fellow admin of the same school: refused.
            for act in ["reset-code", "block", "revoke-sessions"] {
                let refused = try await client.post("/admin/users/\(anne)/\(act)", "school=\(college)&confirm=1", headers: sophie.form)
                #expect(refused.status == .forbidden, "\(act) on a fellow admin")
            }
            // Herself: refused, with a message that says so.
            let blockSelf = try await client.post(
                "/admin/users/\(sophieID)/block", "school=\(college)&confirm=1", headers: sophie.form.merging([.accept: "text/html"]))
            #expect(blockSelf.status == .forbidden && blockSelf.text.contains("Vous ne pouvez pas agir ainsi sur votre propre compte"))
            #expect(try await client.get("/admin", headers: sophie.headers).status == .ok, "she is still in her console")
            // The authority's admin ranks above a school's admin.
            let nadia = try await client.logInDemo("nadia.benali")
            #expect(try await client.post("/admin/users/\(anne)/revoke-sessions", "", headers: nadia.form).status == .ok)
        }
    }

    @Test func blockingAsksForConfirmationFirst() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let chloe = try await database.user("chloe.petit")
        let college = try await database.school("0750001A")
        try await workspace.portal().withClient { client in
            let sophie = try await client.logInDemo("sophie.bernard")
            let page = try await client.get("/admin/users/\(chloe)/block?school=\(college)", headers: sophie.headers)
            #expect(
                page.status == .ok && page.text.contains("Bloquer le compte de Chloé Petit ?") && page.text.contains("name=\"confirm\""))
            let unconfirmed = try await client.post("/admin/users/\(chloe)/block", "school=\(college)", headers: sophie.form)
            #expect(unconfirmed.status == .badRequest && unconfirmed.text.contains("Cochez la case pour confirmer"))
            #expect(
                try await database.read { db in
                    try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [chloe])
                } == "active")
            let confirmed = try await client.post("/admin/users/\(chloe)/block", "school=\(college)&confirm=1", headers: sophie.form)
            #expect(confirmed.status == .seeOther)
            #expect(
                try await database.read { db in
                    try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [chloe])
                } == "blocked")
        }
    }
}

extension HTTPFields {
    /// These fields with `extra` set on top.
    func merging(_ extra: HTTPFields) -> HTTPFields {
        var fields = self
        for field in extra { fields[field.name] = field.value }
        return fields
    }
}
