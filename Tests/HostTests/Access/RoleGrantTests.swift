// RoleGrantTests: actions come from roles granted to a user's groups in their school, are cached with the session, and gate routes before the plugin runs.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Roles, grants and route actions")
struct RoleGrantTests {
    let workspace: PluginWorkspace
    let database: HostDatabase

    init() throws {
        workspace = try PluginWorkspace()
        try workspace.installProbe(
            ProbeOptions(
                id: "gated", publicRoutes: false, gatedRoutes: [("GET", "/identity", "gated.write")], actions: [("gated.write", [])]))
        database = try workspace.seedDemo()
    }

    func value(_ sql: String, _ arguments: [String] = []) throws -> String {
        try #require(try database.read { db in try String.fetchOne(db, sql: sql, arguments: SQLArguments(arguments)) }, "\(sql)")
    }

    func school(_ uai: String) throws -> String { try value("SELECT id FROM schools WHERE uai = ?", [uai]) }

    func profileGroup(_ uai: String, _ profile: String, className: String? = nil) throws -> String {
        if let className {
            return try value(
                """
                SELECT g.id FROM groups g JOIN classes c ON c.id = g.class_id JOIN schools s ON s.id = g.school_id
                WHERE s.uai = ? AND g.kind = 'profile' AND g.profile = ? AND c.name = ?
                """, [uai, profile, className])
        }
        return try value(
            """
            SELECT g.id FROM groups g JOIN schools s ON s.id = g.school_id WHERE s.uai = ? AND g.kind = 'profile' AND g.profile = ? AND g.class_id IS NULL
            """, [uai, profile])
    }

    @Test func grantsToProfileClassAndManualGroupsOpenTheRoute() async throws {
        let portal = try workspace.portal()
        let roles = Roles(database: database)
        let college = try school("0750001A")
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let denied = try await client.get("/apps/gated/identity", headers: lea.headers)
            #expect(denied.status == .forbidden)
            #expect(
                try denied.json()["error"] as? String
                    == "Vous n'avez pas le droit de faire cela ici (gated.write) : demandez à l'administrateur de l'établissement.")
            #expect(
                try await client.get("/apps/gated/whoami", headers: lea.headers).status == .ok, "routes without an action only need a user")

            // A role granted to the collège's students opens it to Léa, and only in the collège.
            let writers = try roles.create(schoolID: college, name: "Rédacteurs", actions: ["gated.write"], by: nil)
            try roles.grant(roleID: writers, groupID: try profileGroup("0750001A", "Student"), by: nil)
            portal.sessionCache.forgetAll()
            let allowed = try await client.get("/apps/gated/identity", headers: lea.headers)
            #expect(allowed.status == .ok)
            #expect(try allowed.json()["actions"] as? [String] == ["gated.write"], "the granted actions travel in the request context")
            #expect(
                try value(
                    "SELECT actions FROM sessions WHERE user_id = (SELECT id FROM users WHERE login = 'lea.martin') AND actions IS NOT NULL ORDER BY created_at DESC LIMIT 1"
                ) == "gated.write",
                "the actions are cached with the session")
            let paul = try await client.logInDemo("paul.durand")
            #expect(
                try await client.get("/apps/gated/identity", headers: paul.headers).status == .forbidden, "teachers hold no such role yet")

            // A grant to the teachers of one class reaches Paul, who teaches 4e A.
            let classTeachers = try roles.create(schoolID: college, name: "Professeurs de 4e A", actions: ["gated.write"], by: nil)
            try roles.grant(roleID: classTeachers, groupID: try profileGroup("0750001A", "Teacher", className: "4e A"), by: nil)
            portal.sessionCache.forgetAll()
            #expect(try await client.get("/apps/gated/identity", headers: paul.headers).status == .ok)
            _ = try await client.post("/auth/school", "school=0750002B", headers: paul.form)
            #expect(
                try await client.get("/apps/gated/identity", headers: paul.headers).status == .forbidden,
                "a grant holds in its own school only")

            // A manual group.
            let club = UUID().uuidString.lowercased()
            try await database.write { db in
                try db.execute(
                    sql: "INSERT INTO groups (id, school_id, kind, name) VALUES (?, ?, 'manual', 'Club journal')",
                    arguments: [club, college])
                try db.execute(
                    sql: "INSERT INTO group_members (group_id, user_id) SELECT ?, id FROM users WHERE login = 'marc.martin'",
                    arguments: [club])
            }
            let marc = try await client.logInDemo("marc.martin")
            #expect(try await client.get("/apps/gated/identity", headers: marc.headers).status == .forbidden)
            try roles.grant(roleID: writers, groupID: club, by: nil)
            portal.sessionCache.forgetAll()
            #expect(try await client.get("/apps/gated/identity", headers: marc.headers).status == .ok)

            // Withdrawing the students' grant closes it again at the next request (grants version moved).
            try roles.revoke(roleID: writers, groupID: try profileGroup("0750001A", "Student"), by: nil)
            portal.sessionCache.forgetAll()
            #expect(try await client.get("/apps/gated/identity", headers: lea.headers).status == .forbidden)
            #expect(try await client.get("/apps/gated/identity", headers: marc.headers).status == .ok, "the club's grant stays")

            let audited = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action LIKE 'role.%' ORDER BY id")
            }
            #expect(audited == ["role.create", "role.grant", "role.create", "role.grant", "role.grant", "role.revoke"])
        }
    }

    @Test func aRoleIsNeverGrantedToAnotherSchoolsGroup() throws {
        let roles = Roles(database: database)
        let role = try roles.create(schoolID: try school("0750001A"), name: "Rôle", actions: ["gated.write"], by: nil)
        #expect(throws: AccessRefusal("a role is granted only to groups of its own school")) {
            try roles.grant(roleID: role, groupID: try profileGroup("0750002B", "Student"), by: nil)
        }
        #expect(throws: AccessRefusal("this school already has a role named 'Rôle'")) {
            try roles.create(schoolID: try school("0750001A"), name: "Rôle", actions: [], by: nil)
        }
        let version = try value("SELECT grants_version FROM schools WHERE uai = '0750002B'")
        #expect(version == "0", "a refused grant changes nothing")
    }
}
