// BenchMain: `make bench` — the cost of a request through the ABI and plugin routes' HTTP throughput.
import Foundation
import HostDomain
import Logging
import PluginRuntime
import Portal

@main
struct BenchMain {
    static func main() async throws {
        let options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        var report = BenchReport()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-\(UUID().uuidString)")
        var configuration = PortalConfiguration()
        configuration.dataDirectory = data
        configuration.pluginsDirectory = options.plugins
        var logger = Logger(label: "cartable-bench")
        logger.logLevel = .warning
        let portal = try Portal(configuration: configuration, logger: logger)
        // The demo directory, with the plugins enabled in its schools (before the other portals load their tables).
        _ = try DemoSeed(database: portal.database, hasher: PasswordHasher(costLog2: 10)).seedIfEmpty()
        try portal.enableInstalledEverywhere()
        // The same plugins behind a pool that always hops to the blocking threads, for comparison.
        var hopping = configuration
        hopping.inlinePluginCalls = 0
        let hoppingPortal = try Portal(configuration: hopping, logger: logger)
        // And a portal that resolves every logged-in request from the database (no session cache).
        var uncached = configuration
        uncached.sessionCacheLifetime = .zero
        let uncachedPortal = try Portal(configuration: uncached, logger: logger)
        guard let notes = portal.plugins.plugin(id: "notes"), let hello = portal.plugins.plugin(id: "hello-c") else {
            throw BenchFailure(
                "the notes and hello-c bundles must be in \(options.plugins.path): \(portal.plugins.refused.map(\.description))")
        }
        print(
            "Cartable bench — \(ProcessInfo.processInfo.activeProcessorCount) cores, \(options.iterations) calls per measure, wrk \(options.seconds) s × \(options.connections) connections"
        )

        print("\n1. One request through the ABI (POST /api/echo, small JSON in and out), ns per call")
        // Measured off the main actor: a request handler is not pinned to the main thread either.
        report = try await Task.detached { [report] in
            var local = report
            try await ABICost(iterations: options.iterations).measure(
                swift: notes, c: hello, pool: hoppingPortal.pool, defaultPool: portal.pool, into: &local)
            return local
        }.value

        print("\n2. HTTP requests per second on loopback (wrk), plugin routes against a bare Hummingbird route")
        try await HTTPThroughput(seconds: options.seconds, connections: options.connections)
            .measure(portal: portal, hoppingPortal: hoppingPortal, uncachedPortal: uncachedPortal, into: &report)

        print("\n3. Session and identity of a logged-in request, ns per request (one thread)")
        let session = try HTTPThroughput.demoSession(portal)
        try IdentityCost(iterations: max(options.iterations / 20, 1000)).measure(portal: portal, token: session.token, into: &report)

        print("\n4. A blog post page for a logged-in teacher (blogs plugin), against a bare route serving the same page")
        try await BlogPageThroughput(throughput: HTTPThroughput(seconds: options.seconds, connections: options.connections)).measure(
            portal: portal, into: &report)

        print("\n5. Directory import from CSV")
        try ImportThroughput(users: options.importUsers).measure(into: &report)

        try report.write(to: options.results)
        portal.plugins.shutdown()
        hoppingPortal.plugins.shutdown()
        uncachedPortal.plugins.shutdown()
        try? FileManager.default.removeItem(at: data)
    }
}

struct BenchOptions {
    var plugins = URL(fileURLWithPath: ".build/bench-plugins")
    var results = URL(fileURLWithPath: "bench/results")
    var iterations = 200_000
    var seconds = 6
    var connections = 32
    var importUsers = 100_000

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchFailure("\(flag) needs a value") }
            switch flag {
            case "--plugins": plugins = URL(fileURLWithPath: value)
            case "--results": results = URL(fileURLWithPath: value)
            case "--iterations": iterations = Int(value) ?? iterations
            case "--seconds": seconds = Int(value) ?? seconds
            case "--connections": connections = Int(value) ?? connections
            case "--import-users": importUsers = Int(value) ?? importUsers
            default:
                throw BenchFailure(
                    "unknown option \(flag) (use --plugins, --results, --iterations, --seconds, --connections, --import-users)")
            }
        }
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
