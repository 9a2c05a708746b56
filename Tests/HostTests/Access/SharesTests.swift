// SharesTests: cartable.access/1 through a real C plugin — granted actions, shares to users and groups, the rights ladder, revocation, school walls.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Shares and granted actions")
struct SharesTests {
    let workspace: PluginWorkspace
    let database: HostDatabase

    init() throws {
        workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "carnet", publicRoutes: false, actions: [("carnet.share", ["Teacher"])]))
        database = try workspace.seedDemo()
    }

    func id(_ sql: String, _ argument: String) throws -> String {
        try #require(try database.read { db in try String.fetchOne(db, sql: sql, arguments: [argument]) }, "\(sql) \(argument)")
    }

    func user(_ login: String) throws -> String { try id("SELECT id FROM users WHERE login = ?", login) }

    @Test func sharesFollowUsersGroupsAndTheRightsLadder() async throws {
        let chloe = try user("chloe.petit"), ines = try user("ines.moreau")
        let fourthA = try id(
            """
            SELECT g.id FROM groups g JOIN classes c ON c.id = g.class_id WHERE c.name = ? AND g.kind = 'profile' AND g.profile = 'Student'
            """, "4e A")
        let lyceeStudents = try id(
            """
            SELECT g.id FROM groups g JOIN schools s ON s.id = g.school_id WHERE s.uai = ? AND g.kind = 'profile' AND g.profile = 'Student' AND g.class_id IS NULL
            """, "0750002B")
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            let lea = try await client.logInDemo("lea.martin")
            let get = { (session: LoggedIn, path: String) in try await client.get("/apps/carnet/access/\(path)", headers: session.headers) }

            #expect(try await get(paul, "granted?action=carnet.share").json()["answer"] as? Int == 1, "teachers hold it by default")
            #expect(try await get(lea, "granted?action=carnet.share").json()["answer"] as? Int == 0)

            // A user share at "comment" gives read and comment, not contrib or manage.
            #expect(try await get(paul, "set?resource=blog-1&kind=user&id=\(chloe)&right=2").status == .ok)
            let chloeSession = try await client.logInDemo("chloe.petit")
            for (right, expected) in [(1, 1), (2, 1), (3, 0), (4, 0)] {
                #expect(
                    try await get(chloeSession, "check?resource=blog-1&right=\(right)").json()["answer"] as? Int == expected,
                    "right \(right)")
            }
            // A class group share reaches Léa (a pupil of 4e A) and not Chloé's other rights.
            #expect(try await get(paul, "set?resource=blog-1&kind=group&id=\(fourthA)&right=3").status == .ok)
            #expect(try await get(lea, "check?resource=blog-1&right=3").json()["answer"] as? Int == 1)
            #expect(try await get(lea, "check?resource=blog-1&right=4").json()["answer"] as? Int == 0)
            #expect(try await get(lea, "mine?right=1").text == #"["blog-1"]"#)
            #expect(try await get(lea, "mine?right=4").text == "[]")
            let shares = try await get(paul, "get?resource=blog-1").text
            #expect(shares.contains(#"{"id":"\#(chloe)","kind":"user","right":"comment"}"#))
            #expect(shares.contains(#""kind":"group","right":"contrib""#))

            // Raising replaces, revoking removes.
            #expect(try await get(paul, "set?resource=blog-1&kind=user&id=\(chloe)&right=4").status == .ok)
            #expect(try await get(chloeSession, "check?resource=blog-1&right=4").json()["answer"] as? Int == 1)
            #expect(try await get(paul, "revoke?resource=blog-1&kind=user&id=\(chloe)").status == .ok)
            #expect(try await get(chloeSession, "check?resource=blog-1&right=1").json()["answer"] as? Int == 0)

            // Targets of another school are refused, and nothing is stored.
            let foreignUser = try await get(paul, "set?resource=blog-1&kind=user&id=\(ines)&right=1")
            #expect(foreignUser.status == .badRequest)
            #expect(
                try foreignUser.json()["error"] as? String == "user \(ines) is not a member of this school: shares stay within the school")
            #expect(try await get(paul, "set?resource=blog-1&kind=group&id=\(lyceeStudents)&right=1").status == .badRequest)
            #expect(try await get(paul, "set?resource=blog-1&kind=robot&id=x&right=1").status == .badRequest)
            #expect(try await get(paul, "set?resource=blog-1&kind=user&id=\(chloe)&right=9").status == .badRequest)

            // The lycée does not see the collège's shares of the same resource id.
            _ = try await client.post("/auth/school", "school=0750002B", headers: paul.form)
            #expect(try await get(paul, "get?resource=blog-1").text == "[]")
            let inesSession = try await client.logInDemo("ines.moreau")
            #expect(try await get(inesSession, "mine?right=1").text == "[]")
        }
        let stored = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM shares") }
        #expect(stored == 1, "only the class share is left")
        let audited = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action LIKE 'share.%' ORDER BY id")
        }
        #expect(audited == ["share.set", "share.set", "share.set", "share.revoke"])
    }
}
