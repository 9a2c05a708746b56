// PluginLoaderTests: every refusal case with a real broken library, and side-by-side versions.
import Foundation
import HostDomain
import HostStorage
import PluginRuntime
import Portal
import Testing

@Suite("Plugin loader")
struct PluginLoaderTests {
    /// Loads a workspace holding one good probe and one bad bundle; returns the bad one's refusal.
    func refusal(
        _ bad: ProbeOptions, also extra: ((PluginWorkspace) throws -> Void)? = nil
    ) throws -> (PluginRefusal, PluginRegistry, LogRecorder) {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "good"))
        try workspace.installProbe(bad)
        try extra?(workspace)
        let log = LogRecorder()
        let portal = try workspace.portal(log: log)
        let refusals = portal.plugins.refused
        try #require(refusals.count == 1, "expected one refusal, got \(refusals.map(\.description))")
        #expect(portal.plugins.plugin(id: "good") != nil, "the good plugin must load whatever happens to the bad one")
        return (refusals[0], portal.plugins, log)
    }

    @Test func refusesAFileThatIsNotASharedLibrary() throws {
        let (refusal, _, log) = try refusal(
            ProbeOptions(id: "text", damage: { try "not a library".write(to: $0, atomically: true, encoding: .utf8) }))
        #expect(
            refusal.description
                == "plugin text 1.0.0 refused: libprobe.so is not a shared library (no ELF header), this host loads ELF .so files")
        #expect(log.errors() == [refusal.description], "one log line per refusal")
    }

    @Test func refusesATruncatedLibrary() throws {
        let (refusal, _, _) = try refusal(
            ProbeOptions(
                id: "cut",
                damage: { url in
                    let data = try Data(contentsOf: url)
                    try data.prefix(data.count / 2).write(to: url)
                }))
        #expect(refusal.reason.contains("libprobe.so is truncated"), "\(refusal.reason)")
        #expect(refusal.reason.contains("its ELF header expects at least"))
    }

    @Test func refusesAMissingMagicSymbol() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "nomagic", defines: ["PROBE_NO_MAGIC"]))
        #expect(refusal.reason == "libprobe.so exports no cartable_plugin_magic symbol; it is not a Cartable plugin")
    }

    @Test func refusesAMissingEntrySymbol() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "noentry", defines: ["PROBE_NO_ENTRY"]))
        #expect(refusal.reason == "libprobe.so exports no cartable_plugin_entry symbol, which every Cartable plugin must export")
    }

    @Test func refusesAWrongMagicNumber() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "badmagic", defines: ["PROBE_MAGIC_NUMBER=0x12345678u"]))
        #expect(refusal.reason == "magic number of libprobe.so is 0x12345678, this host expects 0x43525442 ('CRTB')")
    }

    @Test func refusesANextMajorABI() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "major", defines: ["PROBE_ABI_MAJOR=2"], manifestABI: "2.0"))
        #expect(refusal.description == "plugin major 1.0.0 refused: built for ABI 2.x, this host speaks \(HostABI.version)")
    }

    @Test func refusesANewerMinorABI() throws {
        let minor = HostABI.version.minor + 1
        let (refusal, _, _) = try refusal(ProbeOptions(id: "minor", defines: ["PROBE_ABI_MINOR=\(minor)"], manifestABI: "1.\(minor)"))
        #expect(
            refusal.reason == "built for ABI 1.\(minor), newer than this host's \(HostABI.version): upgrade the host or use an older plugin"
        )
    }

    @Test func acceptsAnOlderMinorABI() throws {
        // A plugin built for 1.0 loads on this host.
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "older", defines: ["PROBE_ABI_MINOR=0"], manifestABI: "1.0"))
        let loader = PluginLoader(
            store: DocumentStore(database: try workspace.openDatabase()), logger: LogRecorder().logger)
        let registry = loader.loadAll(from: workspace.plugins)
        #expect(registry.refused.isEmpty, "\(registry.refused.map(\.description))")
        #expect(registry.plugin(id: "older") != nil)
    }

    @Test func refusesAManifestABIThatDiffersFromTheLibrary() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "liar", manifestABI: "1.7"))
        #expect(refusal.reason == "the manifest says ABI 1.7, the library libprobe.so was built for \(HostABI.version)")
    }

    @Test func refusesAnotherSwiftToolchain() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "toolchain", defines: ["PROBE_TOOLCHAIN=\"swift-5.9-other\""]))
        #expect(
            refusal.reason
                == "built with Swift toolchain 'swift-5.9-other', this host was built with '\(HostABI.swiftToolchain)': rebuild the plugin with the host's toolchain"
        )
    }

    @Test func refusesALibraryWhoseIdDiffersFromTheManifest() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "mask", defines: ["PROBE_DESCRIPTOR_ID=\"someone-else\""]))
        #expect(refusal.reason == "the library says its id is 'someone-else', the manifest says 'mask'")
    }

    @Test func refusesADuplicateIdAndVersion() throws {
        let (refusal, registry, _) = try refusal(ProbeOptions(id: "twin", folder: "1.0.0-a")) { workspace in
            try workspace.installProbe(ProbeOptions(id: "twin", folder: "1.0.0-b"))
        }
        #expect(refusal.id == "twin")
        #expect(refusal.reason.hasPrefix("twin 1.0.0 is already loaded from "), "\(refusal.reason)")
        #expect(registry.plugin(id: "twin") != nil, "the first copy stays loaded")
    }

    @Test func refusesAChecksumMismatch() throws {
        let wrong = String(repeating: "ab", count: 32)
        let (refusal, _, _) = try refusal(ProbeOptions(id: "tampered", checksum: wrong))
        #expect(refusal.reason.hasPrefix("checksum mismatch: libprobe.so has sha256 "))
        #expect(refusal.reason.hasSuffix(", the manifest lists \(wrong)"))
    }

    @Test func refusesAFailingInit() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "broken", defines: ["PROBE_INIT_FAILS"]))
        #expect(refusal.reason == "init failed with code -5: the probe was built to fail its init")
    }

    @Test func refusesAnInvalidManifest() throws {
        let (refusal, _, _) = try refusal(ProbeOptions(id: "bad-manifest", manifestVersion: "one"))
        #expect(refusal.reason.contains("version 'one' is not MAJOR.MINOR.PATCH"), "\(refusal.reason)")
    }

    @Test func loadsTwoVersionsSideBySide() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "pilot", version: "1.0.0"))
        try workspace.installProbe(ProbeOptions(id: "pilot", version: "1.1.0"))
        let portal = try workspace.portal()
        #expect(portal.plugins.refused.isEmpty)
        let old = try #require(portal.plugins.plugin(id: "pilot", version: "1.0.0"))
        let new = try #require(portal.plugins.plugin(id: "pilot", version: "1.1.0"))
        #expect(portal.plugins.plugin(id: "pilot")?.version == "1.1.0", "the newest version serves by default")
        for (plugin, version) in [(old, "1.0.0"), (new, "1.1.0"), (old, "1.0.0")] {
            let reply = plugin.handle(PluginCall(method: "GET", path: "/whoami", requestID: "t", basePath: "/apps/pilot"))
            let body = String(decoding: reply.body, as: UTF8.self)
            #expect(body.contains("\"version\":\"\(version)\""), "\(body)")
        }
        // Each version is its own library and instance: their call counts never mix.
        let counts = [old, new].map {
            String(decoding: $0.handle(PluginCall(method: "GET", path: "/whoami", requestID: "t", basePath: "")).body, as: UTF8.self)
        }
        #expect(counts[0].contains("\"calls\":3"), "\(counts[0])")
        #expect(counts[1].contains("\"calls\":2"), "\(counts[1])")
    }

    @Test func loadsTheSwiftAndCTemplates() throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.installBuilt("hello-c")
        let portal = try workspace.portal()
        #expect(portal.plugins.refused.map(\.description) == [])
        #expect(portal.plugins.plugin(id: "notes")?.isSwift == true)
        #expect(portal.plugins.plugin(id: "hello-c")?.isSwift == false)
    }

    /// A route declared in one place only: the Swift template's manifest loses a route its
    /// router handles and gains one it does not; the plugin refuses to start and says both.
    @Test func aSwiftPluginWhoseRouterAndManifestDisagreeIsRefused() throws {
        let workspace = try PluginWorkspace()
        let bundle = try workspace.installBuilt("notes")
        let file = bundle.appendingPathComponent("manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var routes = try #require(manifest["routes"] as? [[String: Any]])
        routes.removeAll { $0["path"] as? String == "/new" }
        routes.append(["method": "DELETE", "path": "/notes/:id"])
        manifest["routes"] = routes
        try JSONSerialization.data(withJSONObject: manifest).write(to: file)
        let portal = try workspace.portal()
        #expect(portal.plugins.plugin(id: "notes") == nil)
        let refusal = try #require(portal.plugins.refused.first { $0.id == "notes" })
        #expect(refusal.reason.contains("the plugin handles GET /new that manifest.json does not declare"), "\(refusal.reason)")
        #expect(refusal.reason.contains("manifest.json declares DELETE /notes/:id that the plugin does not handle"), "\(refusal.reason)")
    }
}
