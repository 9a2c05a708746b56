// ModuleEnablementTests: plugins enabled per school, experimental ones for pilots only, a version per school, default grants seeded.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PluginRuntime
import Portal
import Testing

@Suite("Module enablement per school")
struct ModuleEnablementTests {
    let workspace: PluginWorkspace
    let database: HostDatabase

    init() throws {
        workspace = try PluginWorkspace()
        database = try workspace.seedDemo()
    }

    func school(_ uai: String) throws -> String {
        try #require(
            try database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = ?", arguments: [uai]) })
    }

    func manifests(_ portal: Portal, _ id: String) -> [PluginManifest] {
        portal.plugins.loaded.filter { $0.id == id }.map(\.manifest)
    }

    @Test func aModuleEnabledForOneSchoolIsAbsentFromTheOther() async throws {
        try workspace.installProbe(ProbeOptions(id: "agenda", publicRoutes: false))
        let portal = try workspace.portal(enableInstalled: false)
        let enablement = ModuleEnablement(database: database)
        try enablement.enable(manifests(portal, "agenda"), schoolIDs: [try school("0750001A")], by: nil)
        portal.modules.invalidate()
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/apps/agenda/whoami", headers: lea.headers).status == .ok)
            #expect(try await client.get("/", headers: lea.headers).text.contains("href=\"/apps/agenda/\""), "in the collège's launcher")
            let ines = try await client.logInDemo("ines.moreau")
            let absent = try await client.get("/apps/agenda/whoami", headers: ines.headers)
            #expect(absent.status == .notFound)
            #expect(
                try absent.json()["error"] as? String
                    == (try await client.get("/apps/nothing/whoami", headers: ines.headers).json()["error"] as? String)?
                    .replacingOccurrences(of: "nothing", with: "agenda"), "a disabled module answers like one not installed")
            #expect(!(try await client.get("/", headers: ines.headers).text.contains("/apps/agenda/")), "not in the lycée's launcher")

            // Paul sees it in the collège and loses it when he switches to the lycée.
            let paul = try await client.logInDemo("paul.durand")
            #expect(try await client.get("/apps/agenda/whoami", headers: paul.headers).status == .ok)
            _ = try await client.post("/auth/school", "school=0750002B", headers: paul.form)
            #expect(try await client.get("/apps/agenda/whoami", headers: paul.headers).status == .notFound)

            // Disabling keeps the data: re-enabling finds it again.
            _ = try await client.post("/apps/agenda/store/put?collection=items&id=keep", #"{"rank": 1}"#, headers: lea.headers)
            try enablement.disable(pluginID: "agenda", schoolIDs: [try school("0750001A")], by: nil)
            portal.modules.invalidate()
            #expect(try await client.get("/apps/agenda/whoami", headers: lea.headers).status == .notFound)
            try enablement.enable(manifests(portal, "agenda"), schoolIDs: [try school("0750001A")], by: nil)
            portal.modules.invalidate()
            let kept = try await client.get("/apps/agenda/store/get?collection=items&id=keep", headers: lea.headers)
            #expect(kept.status == .ok)
            #expect(kept.text.contains("\"rank\""))
        }
        let audited = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action LIKE 'module.%' ORDER BY id")
        }
        #expect(audited == ["module.enable", "module.disable", "module.enable"])
    }

    @Test func experimentalModulesAreForPilotSchoolsOnly() throws {
        try workspace.installProbe(ProbeOptions(id: "labo", stability: "experimental"))
        let portal = try workspace.portal(enableInstalled: false)
        let enablement = ModuleEnablement(database: database)
        let refusal = AccessRefusal("labo 1.0.0 is experimental: only pilot schools may enable it, and these are not: 0750001A")
        #expect(throws: refusal) {
            try enablement.enable(manifests(portal, "labo"), schoolIDs: [try school("0750001A"), try school("0750002B")], by: nil)
        }
        let rows = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM plugin_enablement") }
        #expect(rows == 0, "a refused request enables nothing, not even for the pilot school")
        try enablement.enable(manifests(portal, "labo"), schoolIDs: [try school("0750002B")], by: nil)
    }

    @Test func eachSchoolIsServedByTheVersionItChose() async throws {
        try workspace.installProbe(ProbeOptions(id: "cahier", version: "1.0.0"))
        try workspace.installProbe(ProbeOptions(id: "cahier", version: "2.0.0"))
        let portal = try workspace.portal(enableInstalled: false)
        let enablement = ModuleEnablement(database: database)
        try enablement.enable(manifests(portal, "cahier"), version: "1.0.0", schoolIDs: [try school("0750001A")], by: nil)
        try enablement.enable(manifests(portal, "cahier"), schoolIDs: [try school("0750002B")], by: nil)
        #expect(throws: AccessRefusal("cahier 3.0.0 is not installed (installed: 1.0.0, 2.0.0)")) {
            try enablement.enable(manifests(portal, "cahier"), version: "3.0.0", schoolIDs: [try school("0750001A")], by: nil)
        }
        portal.modules.invalidate()
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/apps/cahier/whoami", headers: lea.headers).json()["version"] as? String == "1.0.0")
            let ines = try await client.logInDemo("ines.moreau")
            #expect(
                try await client.get("/apps/cahier/whoami", headers: ines.headers).json()["version"] as? String == "2.0.0",
                "the pilot on the newest")
            // Both versions share the school-scoped store.
            _ = try await client.post("/apps/cahier/store/put?collection=items&id=shared", #"{"rank": 7}"#, headers: lea.headers)
            try enablement.enable(manifests(portal, "cahier"), version: "2.0.0", schoolIDs: [try school("0750001A")], by: nil)
            portal.modules.invalidate()
            let read = try await client.get("/apps/cahier/store/get?collection=items&id=shared", headers: lea.headers)
            #expect(read.text.contains("\"rank\":7") || read.text.contains("\"rank\": 7"))
            #expect(try await client.get("/apps/cahier/whoami", headers: lea.headers).json()["version"] as? String == "2.0.0")
        }
    }

    @Test func latestMeansLatestStableForSchoolsThatAreNoPilots() async throws {
        try workspace.installProbe(ProbeOptions(id: "cahier", version: "1.0.0"))
        let first = try workspace.portal(enableInstalled: false)
        let enablement = ModuleEnablement(database: database)
        // Both schools follow the latest version.
        try enablement.enable(manifests(first, "cahier"), schoolIDs: [try school("0750001A"), try school("0750002B")], by: nil)
        // An experimental 2.0.0 is installed beside it: only the pilot lycée moves onto it.
        try workspace.installProbe(ProbeOptions(id: "cahier", version: "2.0.0", stability: "experimental"))
        let portal = try workspace.portal(enableInstalled: false)
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            #expect(
                try await client.get("/apps/cahier/whoami", headers: lea.headers).json()["version"] as? String == "1.0.0",
                "the collège stays on the stable one")
            let ines = try await client.logInDemo("ines.moreau")
            #expect(
                try await client.get("/apps/cahier/whoami", headers: ines.headers).json()["version"] as? String == "2.0.0",
                "the pilot gets the newest")
        }
        // Choosing "latest" again for every school is allowed: the collège takes 1.0.0.
        try enablement.enable(manifests(portal, "cahier"), schoolIDs: [try school("0750001A"), try school("0750002B")], by: nil)
        // Ending the lycée's pilot moves it back onto the stable version.
        try Directory(database: database).setPilot(schoolID: try school("0750002B"), pilot: false, experimentalApps: [], by: nil)
        portal.modules.invalidate()
        try await portal.withClient { client in
            let ines = try await client.logInDemo("ines.moreau")
            #expect(try await client.get("/apps/cahier/whoami", headers: ines.headers).json()["version"] as? String == "1.0.0")
        }
    }

    @Test func enablingSeedsTheManifestsDefaultGrantsOnce() async throws {
        try workspace.installProbe(
            ProbeOptions(
                id: "blog", publicRoutes: false, gatedRoutes: [("GET", "/identity", "blog.create")],
                actions: [("blog.create", ["Teacher", "Personnel"])]))
        let portal = try workspace.portal(enableInstalled: false)
        let enablement = ModuleEnablement(database: database)
        try enablement.enable(manifests(portal, "blog"), schoolIDs: [try school("0750001A")], by: nil)
        try enablement.enable(manifests(portal, "blog"), schoolIDs: [try school("0750001A")], by: nil)
        portal.modules.invalidate()
        let roles = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM roles WHERE plugin_id = 'blog' ORDER BY name")
        }
        #expect(roles == ["Probe blog (Personnel)", "Probe blog (Teacher)"], "one role per default profile, created once")
        try await portal.withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            #expect(try await client.get("/apps/blog/identity", headers: paul.headers).status == .ok, "teachers hold it by default")
            let lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/apps/blog/identity", headers: lea.headers).status == .forbidden, "students do not")
        }
    }
}
