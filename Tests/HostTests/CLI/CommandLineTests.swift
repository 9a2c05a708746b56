// CommandLineTests: the real `cartable` binary lists plugins as JSON and migrates a database.
import Foundation
import Testing

@Suite("Command line")
struct CommandLineTests {
    static var binary: String { TestPaths.repository.appendingPathComponent(".build/debug/cartable").path }

    @Test func pluginsListReportsLoadedAndRefusedAsJSON() throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("hello-c")
        try workspace.installProbe(ProbeOptions(id: "refused", checksum: String(repeating: "0", count: 64)))
        let output = try runProcess(
            Self.binary, ["plugins", "list", "--json", "--plugins", workspace.plugins.path] + workspace.databaseArguments)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: items.compactMap { item in (item["id"] as? String).map { ($0, item) } })
        #expect(Set(byID.keys) == ["hello-c", "refused"])
        #expect(byID["hello-c"]?["state"] as? String == "loaded")
        #expect(byID["hello-c"]?["abi"] as? String == "1.5")
        #expect(byID["hello-c"]?["stability"] as? String == "stable")
        #expect(byID["hello-c"]?["reason"] is NSNull, "every item has a reason key, null when loaded")
        #expect(byID["refused"]?["state"] as? String == "refused")
        #expect((byID["refused"]?["reason"] as? String)?.hasPrefix("checksum mismatch") == true)
    }

    @Test func migrateAppliesOnceThenReportsUpToDate() throws {
        // An empty database of this run's engine.
        let database =
            TestEngine.current == .postgres
            ? ["--database", try TestPostgres.newDatabaseURL(migrated: false)] : ["--data", try TestPaths.scratch().path]
        let first = try runProcess(Self.binary, ["migrate"] + database)
        #expect(first.contains("applied to"))
        #expect(first.contains("0001-documents"))
        let second = try runProcess(Self.binary, ["migrate"] + database)
        #expect(second.contains("is up to date"))
    }
}
