// FormerMembersTests: a school's admins see the full profile and audit trail of current members only; former members keep their name, for history.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Former members of a school")
struct FormerMembersTests {
    @Test func theAdminSeesAFormerPupilsNameOnlyAndNoneOfTheirAuditTrail() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let chloe = try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = 'chloe.petit'") })
        try await workspace.portal().withClient { client in
            _ = try await client.logInDemo("chloe.petit")  // a login entry in the audit log
            // Chloé moves to another region's school: the collège detaches her.
            try await database.write { db in
                try db.execute(
                    sql: "UPDATE users SET email = 'chloe@example.org', birth_date = '2012-03-04' WHERE id = ?", arguments: [chloe])
                try db.execute(sql: "UPDATE user_schools SET detached_at = '2026-09-01T00:00:00Z' WHERE user_id = ?", arguments: [chloe])
                try db.execute(sql: "DELETE FROM user_classes WHERE user_id = ?", arguments: [chloe])
            }
            let sophie = try await client.logInDemo("sophie.bernard")
            let profile = try await client.get("/profile/\(chloe)", headers: sophie.headers)
            #expect(profile.status == .ok && profile.text.contains("<h1>Chloé Petit</h1>"), "her name stays, for history")
            #expect(
                !profile.text.contains("chloe@example.org") && !profile.text.contains("2012-03-04"), "nothing personal of a former member")
            let audit = try await client.get("/admin/audit?action=login", headers: sophie.headers)
            #expect(
                audit.status == .ok && !audit.text.contains("chloe.petit"), "a former member's logins are no longer the school's business")
        }
    }
}
