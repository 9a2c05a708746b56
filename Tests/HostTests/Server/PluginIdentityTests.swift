// PluginIdentityTests: what a real plugin learns of its caller (ABI 1.1), the 401 before it runs, and cartable.directory/1's school walls.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Identity for plugins")
struct PluginIdentityTests {
    let workspace: PluginWorkspace
    let database: HostDatabase

    init() throws {
        workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "open"))
        try workspace.installProbe(ProbeOptions(id: "closed", publicRoutes: false))
        try workspace.installBuilt("notes")
        database = try workspace.seedDemo()
    }

    func id(_ sql: String, _ argument: String) throws -> String {
        try #require(try database.read { db in try String.fetchOne(db, sql: sql, arguments: [argument]) }, "\(sql) \(argument)")
    }

    func user(_ login: String) throws -> String { try id("SELECT id FROM users WHERE login = ?", login) }
    func schoolClass(_ name: String) throws -> String { try id("SELECT id FROM classes WHERE name = ?", name) }

    @Test func anonymousCallersCarryNoUserAndNeedAPublicRoute() async throws {
        try await workspace.portal().withClient { client in
            let open = try await client.get("/apps/open/identity")
            #expect(open.status == .ok)
            #expect(try open.json()["user"] as? String == "")
            #expect(try open.json()["school"] as? String == "")
            let before = try await client.get("/apps/open/whoami").json()["calls"] as? Int

            let closed = try await client.get("/apps/closed/identity")
            #expect(closed.status == .unauthorized)
            #expect(
                try closed.json()["error"] as? String == "Connectez-vous pour utiliser cette application : cette page demande un compte.")
            let english = try await client.get("/apps/closed/identity", headers: [.acceptLanguage: "en"])
            #expect(try english.json()["error"] as? String == "Log in to use this app: this page needs a user account.")
            let browser = try await client.get("/apps/closed/identity", headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(browser.status == .seeOther, "a browser is sent to log in")
            #expect(browser.headers[.location] == "/auth/login?return=%2Fapps%2Fclosed%2Fidentity")
            let login = try await client.get(try #require(browser.headers[.location]))
            #expect(login.text.contains("name=\"return\" value=\"/apps/closed/identity\""))
            let post = try await client.post("/apps/closed/store/put?collection=items&id=x", "{}")
            #expect(post.status == .unauthorized)
            let after = try await client.get("/apps/open/whoami").json()["calls"] as? Int
            #expect(after == (before ?? 0) + 1, "the open probe ran once more; the refused calls reached no plugin")
            let documents = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") }
            #expect(documents == 0)
        }
    }

    @Test func theContextNamesTheUserTheirSchoolAndClasses() async throws {
        let lea = try user("lea.martin")
        try await workspace.portal().withClient { client in
            let back = try await client.post(
                "/auth/login", "login=lea.martin&password=\(DemoSeed.password)&return=/apps/closed/identity",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(back.headers[.location] == "/apps/closed/identity", "after login, back to the page asked for")
            let offsite = try await client.post(
                "/auth/login", "login=lea.martin&password=\(DemoSeed.password)&return=https://evil.example/",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(offsite.headers[.location] == "/", "never to another site")
            let session = try await client.logInDemo("lea.martin")
            let identity = try await client.get("/apps/closed/identity", headers: session.headers).json()
            #expect(identity["user"] as? String == lea)
            #expect(identity["name"] as? String == "Léa Martin")
            #expect(identity["profile"] as? String == "Student")
            #expect(identity["uai"] as? String == "0750001A")
            #expect(identity["classes"] as? [String] == [try schoolClass("4e A")])
            #expect(identity["child"] as? String == "")

            // The Swift template reads the same through PluginKit, class names from the directory.
            let me = try await client.get("/apps/notes/api/me", headers: session.headers).json()
            #expect(me["id"] as? String == lea)
            #expect(me["profile"] as? String == "Student")
            #expect(me["school"] as? String == "0750001A")
            #expect(me["classes"] as? [String] == ["4e A"])
            #expect(me["canShare"] as? Bool == false, "students do not hold notes.share by default")
            let paul = try await client.logInDemo("paul.durand")
            #expect(
                try await client.get("/apps/notes/api/me", headers: paul.headers).json()["canShare"] as? Bool == true,
                "teachers do, through the role seeded at enablement, read with PluginKit's access client")
        }
    }

    @Test func aTeacherInTwoSchoolsSwitchesAndTheContextFollows() async throws {
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            let college = try await client.get("/apps/closed/identity", headers: paul.headers).json()
            #expect(college["uai"] as? String == "0750001A")
            #expect(Set(college["classes"] as? [String] ?? []) == [try schoolClass("4e A"), try schoolClass("4e B")])
            let home = try await client.get("/", headers: paul.headers)
            #expect(
                home.text.contains("<button type=\"submit\" name=\"school\" value=\"0750002B\">Lycée Marie Curie (pilote)</button>"),
                "the header's school menu offers the other school")

            let switched = try await client.post("/auth/school", "school=0750002B", headers: paul.form)
            #expect(switched.status == .seeOther)
            let lycee = try await client.get("/apps/closed/identity", headers: paul.headers).json()
            #expect(lycee["uai"] as? String == "0750002B")
            #expect(lycee["classes"] as? [String] == [try schoolClass("2nde 1")])

            let foreign = try await client.post("/auth/school", "school=0759999Z", headers: paul.form)
            #expect(foreign.status == .forbidden)
            #expect(try await client.get("/apps/closed/identity", headers: paul.headers).json()["uai"] as? String == "0750002B")
            let again = try await client.logInDemo("paul.durand")
            #expect(
                try await client.get("/apps/closed/identity", headers: again.headers).json()["uai"] as? String == "0750002B",
                "the next login opens the school used last")
        }
    }

    @Test func aParentSwitchesTheChildInView() async throws {
        let hugo = try user("hugo.martin"), lea = try user("lea.martin"), chloe = try user("chloe.petit")
        try await workspace.portal().withClient { client in
            let marc = try await client.logInDemo("marc.martin")
            let first = try await client.get("/apps/closed/identity", headers: marc.headers).json()
            #expect(first["profile"] as? String == "Relative")
            #expect(first["child"] as? String == hugo, "the first child by name until the parent picks one")
            let home = try await client.get("/", headers: marc.headers)
            #expect(
                home.text.contains("<button type=\"submit\" name=\"child\" value=\"\(lea)\">"),
                "the header's child menu offers the other child")

            let picked = try await client.post("/auth/child", "child=\(lea)&return=/apps/closed/identity", headers: marc.form)
            #expect(picked.status == .seeOther)
            #expect(picked.headers[.location] == "/apps/closed/identity")
            #expect(try await client.get("/apps/closed/identity", headers: marc.headers).json()["child"] as? String == lea)

            let notMine = try await client.post("/auth/child", "child=\(chloe)", headers: marc.form)
            #expect(notMine.status == .forbidden)
            let offsite = try await client.post("/auth/child", "child=\(hugo)&return=//evil.example/", headers: marc.form)
            #expect(offsite.headers[.location] == "/", "a switcher never redirects off the portal")
            #expect(try await client.get("/apps/closed/identity", headers: marc.headers).json()["child"] as? String == hugo)

            let pupil = try await client.logInDemo("lea.martin")
            #expect(try await client.post("/auth/child", "child=\(hugo)", headers: pupil.form).status == .forbidden)
        }
    }

    @Test func theDirectoryNeverCrossesTheCurrentSchool() async throws {
        let ines = try user("ines.moreau"), lea = try user("lea.martin"), hugo = try user("hugo.martin")
        let secondeOne = try schoolClass("2nde 1"), fourthA = try schoolClass("4e A")
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            // From the collège, the lycée's class and pupil do not exist.
            let members = try await client.get("/apps/closed/dir/members?id=\(secondeOne)", headers: paul.headers)
            #expect(members.status == .notFound)
            #expect(try await client.get("/apps/closed/dir/user?id=\(ines)", headers: paul.headers).status == .notFound)
            #expect(try await client.get("/apps/closed/dir/classes?id=\(ines)", headers: paul.headers).status == .notFound)
            let college = try await client.get("/apps/closed/dir/members?id=\(fourthA)", headers: paul.headers)
            #expect(college.status == .ok)
            let names = (try JSONSerialization.jsonObject(with: Data(college.text.utf8)) as? [[String: Any]] ?? []).compactMap {
                $0["display_name"] as? String
            }
            #expect(names.contains("Léa Martin"))
            #expect(names.contains("Paul Durand"), "teachers of the class are members too")
            #expect(!names.contains("Inès Moreau"))

            // After switching to the lycée, the same calls see the lycée and not the collège.
            _ = try await client.post("/auth/school", "school=0750002B", headers: paul.form)
            let lycee = try await client.get("/apps/closed/dir/members?id=\(secondeOne)", headers: paul.headers)
            #expect(lycee.status == .ok)
            #expect(lycee.text.contains("Inès Moreau"))
            #expect(try await client.get("/apps/closed/dir/members?id=\(fourthA)", headers: paul.headers).status == .notFound)
            #expect(try await client.get("/apps/closed/dir/user?id=\(lea)", headers: paul.headers).status == .notFound)

            // Outside a request there is no school: the extension refuses.
            let outside = try await client.get("/apps/closed/dir/members?id=\(fourthA)&outside=1", headers: paul.headers)
            #expect(outside.status == .badRequest)

            let marc = try await client.logInDemo("marc.martin")
            let children = try await client.get("/apps/closed/dir/children", headers: marc.headers)
            let ids = (try JSONSerialization.jsonObject(with: Data(children.text.utf8)) as? [[String: Any]] ?? []).compactMap {
                $0["id"] as? String
            }
            #expect(Set(ids) == [lea, hugo])
            let classes = try await client.get("/apps/closed/dir/classes?id=\(lea)", headers: marc.headers)
            #expect(classes.text.contains("\"name\":\"4e A\""))
        }
    }

    @Test func aPluginBuiltForABI10StillLoadsAndRuns() async throws {
        let old = try PluginWorkspace()
        try old.installProbe(ProbeOptions(id: "legacy", defines: ["PROBE_ABI_MINOR=0"], manifestABI: "1.0"))
        try await old.portal().withClient { client in
            let response = try await client.get("/apps/legacy/whoami")
            #expect(response.status == .ok)
            #expect(try response.json()["id"] as? String == "legacy")
        }
    }
}
