// FrozenABITests: a C plugin built against each released header (ABI 1.0 to 1.5, frozen under Tests/Fixtures/abi-1.N) loads and answers in today's host.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PluginRuntime
import Portal
import Testing

@Suite("Frozen ABI: older plugins keep working")
struct FrozenABITests {
    static let versions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]

    /// Builds `Tests/Fixtures/abi-plugin/frozen.c` against the frozen header of `version` into the workspace, with its manifest.
    static func install(_ version: String, in workspace: PluginWorkspace) throws -> String {
        let id = "frozen-" + version.replacingOccurrences(of: ".", with: "-")
        let folder = workspace.plugins.appendingPathComponent("\(id)/1.0.0")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let library = folder.appendingPathComponent("libfrozen.so")
        let include = TestPaths.repository.appendingPathComponent("Tests/Fixtures/abi-\(version)/include")
        let source = TestPaths.repository.appendingPathComponent("Tests/Fixtures/abi-plugin/frozen.c")
        _ = try runProcess(
            "/usr/bin/cc",
            [
                "-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror", "-fPIC", "-shared", "-fvisibility=hidden",
                "-I", include.path, "-DFROZEN_ID=\"\(id)\"", source.path, "-o", library.path,
            ])
        let manifest = """
            {"id": "\(id)", "name": "Gel \(version)", "version": "1.0.0", "abi": "\(version)", "stability": "stable",
             "library": {"file": "libfrozen.so", "sha256": "\(try PluginWorkspace.sha256(of: library))"},
             "collections": [{"name": "items", "indexed": []}], "routes": [{"method": "GET", "path": "/*"}], "actions": []}
            """
        try manifest.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        return id
    }

    @Test func eachReleasedHeaderStillLoadsAndAnswers() async throws {
        let workspace = try PluginWorkspace()
        let ids = try Self.versions.map { try Self.install($0, in: workspace) }
        try workspace.seedDemo()
        let portal = try workspace.portal()
        #expect(portal.plugins.refused.isEmpty, "refused: \(portal.plugins.refused.map(\.description))")
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            for (version, id) in zip(Self.versions, ids) {
                let minor = Int(version.split(separator: ".")[1]) ?? 0
                let reported = try await client.get("/apps/\(id)/version", headers: lea.headers).json()
                #expect(reported["built_for"] as? String == version && reported["host"] as? String == "1.5", "\(version): \(reported)")
                let stored = try await client.get("/apps/\(id)/store", headers: lea.headers)
                #expect(
                    stored.status == .ok && (stored.text.contains("\"rank\":7") || stored.text.contains("\"rank\": 7"))
                        && stored.text.contains("\"version\":"),
                    "\(version) store: \(stored.text)")
                let caller = try await client.get("/apps/\(id)/caller", headers: lea.headers)
                if minor >= 1 {
                    #expect(
                        try caller.json()["name"] as? String == "Léa Martin" && (try caller.json()["school"] as? String) == "0750001A",
                        "\(version): \(caller.text)")
                } else {
                    #expect(caller.status == .notFound, "a 1.0 plugin knows nothing of the caller")
                }
                if minor >= 2 {
                    let page = try await client.get("/apps/\(id)/page", headers: lea.headers.merging([.accept: "text/html"]))
                    #expect(
                        page.status == .ok && page.text.contains("<p>frozen</p>") && page.text.contains(">Chapitre</a>"), "\(version) page")
                }
                if minor >= 3 {
                    #expect(try await client.get("/apps/\(id)/right", headers: lea.headers).json()["right"] as? Int == 0)
                }
                if minor >= 5 {
                    #expect(try await client.get("/apps/\(id)/settle", headers: lea.headers).json()["settled"] as? Int == 0)
                }
            }
            // The 1.4 and 1.5 plugins offer a home card; the older ones are simply not asked.
            let home = try await client.get("/", headers: lea.headers).text
            #expect(home.contains("Carte frozen-1-5 (fr)"))
            #expect(home.contains("Carte frozen-1-4 (fr)") && home.contains("<p>frozen card</p>"), "the 1.4 plugin's card")
            #expect(home.contains("href=\"/apps/frozen-1-4/page\""), "links to its page")
            #expect(!home.contains("Carte frozen-1-3") && !home.contains("indisponible"), "no card, and no failure, for older plugins")
        }
    }
}
