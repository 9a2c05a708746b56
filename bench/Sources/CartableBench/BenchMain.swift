// BenchMain: `make bench` — the cost of a request through the ABI, plugin routes' HTTP throughput, and the same on PostgreSQL and behind nginx.
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

        let runs = { (section: Int) in options.sections?.contains(section) ?? true }
        if runs(1) {
            print("\n1. One request through the ABI (POST /api/echo, small JSON in and out), ns per call")
            // Measured off the main actor: a request handler is not pinned to the main thread either.
            report = try await Task.detached { [report] in
                var local = report
                try await ABICost(iterations: options.iterations).measure(
                    swift: notes, c: hello, pool: hoppingPortal.pool, defaultPool: portal.pool, into: &local)
                return local
            }.value
        }

        if runs(2) {
            print("\n2. HTTP requests per second on loopback (wrk), plugin routes against a bare Hummingbird route")
            try await HTTPThroughput(seconds: options.seconds, connections: options.connections)
                .measure(portal: portal, hoppingPortal: hoppingPortal, uncachedPortal: uncachedPortal, into: &report)
        }

        if runs(3) {
            print("\n3. Session and identity of a logged-in request, ns per request (one thread)")
            let session = try HTTPThroughput.demoSession(portal)
            try IdentityCost(iterations: max(options.iterations / 20, 1000)).measure(portal: portal, token: session.token, into: &report)
        }

        if runs(4) {
            print("\n4. A blog post page and the home page for a logged-in teacher, each against a bare route serving the same page")
            if options.postgres == nil {
                try await BlogPageThroughput(throughput: HTTPThroughput(seconds: options.seconds, connections: options.connections))
                    .measure(
                        portal: portal, into: &report)
            } else {
                print("  (measured in section 6, beside PostgreSQL)")
            }
        }

        if runs(5) {
            print("\n5. Directory import from CSV")
            try ImportThroughput(users: options.importUsers).measure(into: &report)
        }

        let throughput = HTTPThroughput(seconds: options.seconds, connections: options.connections)
        if let cluster = options.postgres {
            if runs(6) {
                print("\n6. The same page and write on PostgreSQL as on SQLite")
                var onPostgres = configuration
                onPostgres.databaseURL = cluster + "&schema=bench_engine"
                let postgresPortal = try Portal(configuration: onPostgres, logger: logger)
                _ = try DemoSeed(database: postgresPortal.database, hasher: PasswordHasher(costLog2: 10)).seedIfEmpty()
                try postgresPortal.enableInstalledEverywhere()
                let pages = BlogPageThroughput(throughput: throughput)
                let sqlitePage = try await pages.measure(portal: portal, label: "SQLite", into: &report)
                let postgresPage = try await pages.measure(portal: postgresPortal, label: "PostgreSQL", into: &report)
                report.add("Blog post page, PostgreSQL / SQLite", postgresPage.page / sqlitePage.page, "ratio")
                let writes = StoreWriteLatency(throughput: throughput)
                let sqliteWrite = try await writes.measure(portal: portal, label: "SQLite", into: &report)
                let postgresWrite = try await writes.measure(portal: postgresPortal, label: "PostgreSQL", into: &report)
                report.add("Create a blog post, p50, PostgreSQL / SQLite", postgresWrite / sqliteWrite, "ratio")
                postgresPortal.plugins.shutdown()
            }

            if runs(7) {
                print("\n7. Hosts on PostgreSQL behind nginx (release cartable serve processes)")
                try await HostsBehindProxy(
                    throughput: throughput, cartable: options.cartable, plugins: options.plugins, postgres: cluster + "&schema=bench_hosts"
                )
                .measure(into: &report)
            }

            if runs(8) {
                print("\n8. Directory import from CSV into PostgreSQL")
                try ImportThroughput(users: options.importUsers).measure(postgres: cluster + "&schema=bench_import", into: &report)
            }
        } else {
            print("\n6–8. PostgreSQL figures skipped: pass --postgres URL (make bench starts a throw-away cluster)")
        }

        if runs(9) {
            print("\n9. Memory of one release host with every plugin, idle and under load for \(options.soakMinutes) minutes")
            do {
                try await MemorySoak(
                    throughput: throughput, cartable: options.cartable, plugins: options.plugins, minutes: options.soakMinutes
                )
                .measure(into: &report)
            } catch {
                // The figures of sections 1–8 are still written; the run says the section failed.
                print("  FAILED: \(error)")
                report.add("Memory section failed (see the output)", 1, "failure", goal: .below(1))
            }
        }

        report.printGoals()
        if options.sections == nil {
            try report.write(to: options.results)
        } else {
            print("\n(some sections only: nothing written to \(options.results.path))")
        }
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
    /// How long the memory section loads its host.
    var soakMinutes = 10
    /// Only these sections (`--sections 1,4`); all when nil.
    var sections: Set<Int>?
    /// A PostgreSQL server for sections 6–8 (`make bench` passes its throw-away cluster's URL).
    var postgres: String?
    /// The release `cartable` binary the multi-host section starts.
    var cartable = URL(fileURLWithPath: ".build/release/cartable")

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
            case "--postgres": postgres = value
            case "--cartable": cartable = URL(fileURLWithPath: value)
            case "--soak-minutes": soakMinutes = max(1, Int(value) ?? soakMinutes)
            case "--sections": sections = Set(value.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
            default:
                throw BenchFailure(
                    "unknown option \(flag) (use --plugins, --results, --iterations, --seconds, --connections, --import-users, --postgres, --cartable, --soak-minutes, --sections)"
                )
            }
        }
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
