// PluginWorkspace: a scratch plugins folder and data folder, filled with real built or compiled plugins.
import Crypto
import Foundation
import HostDomain
import HostStorage
import Logging
import Portal

/// A portal installation for one test: its own plugins folder and database (an SQLite file, or
/// a PostgreSQL schema in the run of ``TestEngine/current``).
struct PluginWorkspace {
    let root: URL
    let database: DatabaseLocation
    var plugins: URL { root.appendingPathComponent("plugins", isDirectory: true) }
    var data: URL { root.appendingPathComponent("data", isDirectory: true) }

    init() throws {
        root = try TestPaths.scratch()
        database = try TestEngine.current.newLocation(sqliteFolder: root.appendingPathComponent("data", isDirectory: true))
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    }

    /// The command line's options for this workspace's database (`--data DIR` or `--database URL`).
    var databaseArguments: [String] {
        switch database {
        case .sqlite(let folder): ["--data", folder.path]
        case .postgres(let url): ["--database", url]
        }
    }

    /// This workspace's database, opened and migrated (a second handle beside its portal's).
    func openDatabase() throws -> HostDatabase {
        try HostDatabase(opening: database, poolSize: 4)
    }

    /// Copies a bundle built by `make plugins` (the templates) into this workspace.
    @discardableResult
    func installBuilt(_ id: String, version: String = "0.1.0") throws -> URL {
        let source = TestPaths.builtPlugins.appendingPathComponent("\(id)/\(version)")
        guard FileManager.default.fileExists(atPath: source.appendingPathComponent("manifest.json").path) else {
            throw WorkspaceError("\(source.path) is missing: run `make plugins` before `swift test`")
        }
        let target = plugins.appendingPathComponent("\(id)/\(version)")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }

    /// Compiles the C probe plugin with `options` into `<id>/<folder>/` and writes its manifest.
    @discardableResult
    func installProbe(_ options: ProbeOptions = ProbeOptions()) throws -> URL {
        let folder = plugins.appendingPathComponent("\(options.manifestID ?? options.id)/\(options.folder ?? options.version)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let library = folder.appendingPathComponent("libprobe.so")
        var arguments = [
            "-std=c99", "-fPIC", "-shared", "-fvisibility=hidden", "-I", TestPaths.abiInclude.path,
            "-DPROBE_ID=\"\(options.id)\"", "-DPROBE_VERSION=\"\(options.version)\"",
        ]
        arguments += options.defines.map { "-D\($0)" }
        arguments += [TestPaths.probeSource.path, "-o", library.path]
        try runProcess("/usr/bin/cc", arguments)
        try options.damage?(library)
        let checksum = try options.checksum ?? Self.sha256(of: library)
        let collections = options.collections.map { name, fields in
            "{\"name\": \"\(name)\", \"indexed\": [\(fields.map { "\"\($0)\"" }.joined(separator: ", "))]}"
        }.joined(separator: ", ")
        let gated = options.gatedRoutes.map { "{\"method\": \"\($0.0)\", \"path\": \"\($0.1)\", \"action\": \"\($0.2)\"}" }
        let open = options.routes.map { "{\"method\": \"\($0.0)\", \"path\": \"\($0.1)\", \"public\": \(options.publicRoutes)}" }
        let routes = (gated + open).joined(separator: ", ")
        let actions = options.actions.map { action in
            "{\"id\": \"\(action.0)\", \"defaults\": [\(action.1.map { "\"\($0)\"" }.joined(separator: ", "))]}"
        }.joined(separator: ", ")
        let manifest = """
            {"id": "\(options.manifestID ?? options.id)", "name": "Probe \(options.id)", "version": "\(options.manifestVersion ?? options.version)",
             "abi": "\(options.manifestABI)", "stability": "\(options.stability)",
             "library": {"file": "libprobe.so", "sha256": "\(checksum)"},
             "collections": [\(collections)], "routes": [\(routes)], "actions": [\(actions)],
             "events": {"emits": [\(options.emits.map { "\"\($0)\"" }.joined(separator: ", "))], "subscribes": [\(options.subscribes.map { "\"\($0)\"" }.joined(separator: ", "))]}\(options.settings.map { ", \"settings\": {\"defaults\": \($0)}" } ?? "")\(options.rawPolicy.map { ", \"raw_content_security_policy\": \"\($0)\"" } ?? "")}
            """
        try manifest.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        if !options.locales.isEmpty {
            let locales = folder.appendingPathComponent("locales", isDirectory: true)
            try FileManager.default.createDirectory(at: locales, withIntermediateDirectories: true)
            for (language, table) in options.locales {
                try JSONSerialization.data(withJSONObject: table).write(to: locales.appendingPathComponent("\(language).json"))
            }
        }
        return folder
    }

    /// A portal over this workspace, with its log lines recorded. Unless `enableInstalled`
    /// is false, every loaded plugin is enabled for every school, as an authority would
    /// (experimental ones for pilot schools only); without any school, a test school is
    /// created first, so anonymous callers reach public routes.
    func portal(
        maxBodyBytes: Int = 10 << 20, publicURL: String? = nil, log: LogRecorder = LogRecorder(), enableInstalled: Bool = true,
        themes: URL? = nil,
        trustedProxies: [String] = [], widgetDeadline: Duration = .seconds(30)
    ) throws -> Portal {
        var configuration = PortalConfiguration()
        configuration.passwordCost = 10
        configuration.publicURL = publicURL
        configuration.dataDirectory = data
        if case .postgres(let url) = database {
            configuration.databaseURL = url
            configuration.databasePoolSize = 6
        }
        configuration.pluginsDirectory = plugins
        configuration.maxBodyBytes = maxBodyBytes
        configuration.themesDirectory = themes
        configuration.trustedProxies = try trustedProxies.map(IPNetwork.init)
        configuration.widgetDeadline = widgetDeadline
        let portal = try Portal(configuration: configuration, logger: log.logger)
        if enableInstalled { try Self.enableEverywhere(portal) }
        return portal
    }

    static func enableEverywhere(_ portal: Portal) throws {
        let hasSchool = try portal.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM schools") ?? 0 } > 0
        if !hasSchool {
            let directory = Directory(database: portal.database)
            let authority = try directory.createAuthority(name: "Académie de test")
            try directory.createSchool(uai: "0999999T", name: "École de test", authority: authority)
        }
        try portal.enableInstalledEverywhere()
    }

    /// Seeds the demo directory (two schools, known passwords) into this workspace's database.
    @discardableResult
    func seedDemo() throws -> HostDatabase {
        let database = try openDatabase()
        _ = try DemoSeed(database: database, hasher: PasswordHasher(costLog2: 10)).seedIfEmpty()
        return database
    }

    static func sha256(of url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }
}

/// How to build and describe one probe plugin.
struct ProbeOptions {
    var id = "probe"
    var version = "1.0.0"
    /// Extra `-D` flags: `PROBE_NO_MAGIC`, `PROBE_ABI_MAJOR=2`, `PROBE_INIT_FAILS`…
    var defines: [String] = []
    var manifestID: String?
    var manifestVersion: String?
    var manifestABI = "1.5"
    var stability = "stable"
    /// The bundle folder's name (default: the version).
    var folder: String?
    /// Overrides the manifest's checksum (default: the real one, computed after `damage`).
    var checksum: String?
    var collections: [(String, [String])] = [("items", ["rank", "group"])]
    /// Every path and method by default, so tests reach the probe's own paths.
    var routes: [(String, String)] = ["GET", "POST", "PUT", "PATCH", "DELETE"].map { ($0, "/*") }
    /// Whether the routes are open to anonymous callers (`"public": true`) or need a user.
    var publicRoutes = true
    /// Routes declared before ``routes`` (so they win), each needing an action: (method, path, action).
    var gatedRoutes: [(String, String, String)] = []
    /// Declared actions with their default profiles.
    var actions: [(String, [String])] = []
    var settings: String?
    /// The manifest's `raw_content_security_policy`.
    var rawPolicy: String?
    /// Event types the manifest declares it emits, and the types it subscribes to.
    var emits: [String] = []
    var subscribes: [String] = []
    /// `locales/<language>.json` of the bundle.
    var locales: [String: [String: String]] = [:]
    /// Changes the compiled library before its checksum is taken (truncate it, replace it…).
    var damage: ((URL) throws -> Void)?
}

struct WorkspaceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
