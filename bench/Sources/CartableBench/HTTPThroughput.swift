// HTTPThroughput: wrk on loopback against plugin routes and a bare Hummingbird route in the same process.
import Foundation
import HostDomain
import HostStorage
import Hummingbird
import Logging
import Portal
import Synchronization

/// Requests per second of the plugins' echo routes and of a bare route answering the same
/// bytes, served in process; runs alternate and rotate so drift hits every target alike. The plugin
/// routes are measured twice: with the default call pool (inline within its budget) and
/// with a pool that always hops to the blocking threads (a second server).
struct HTTPThroughput {
    let seconds: Int
    let connections: Int
    /// An anonymous double-submit CSRF token, as a browser would hold in its cookie.
    static let csrf = String(repeating: "b", count: 43)

    func measure(portal: Portal, hoppingPortal: Portal, uncachedPortal: Portal, into report: inout BenchReport) async throws {
        let router = PortalApplication.router(portal: portal)
        let bareReply = ByteBuffer(string: #"{"echo":"bonjour","plugin":"notes"}"#)
        router.post("/bench/bare") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: bareReply))
        }
        // The notes plugin's echo code compiled into a host route: the same work without the ABI.
        router.post("/bench/swift-echo") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            let reply = SwiftEcho.handle(Array(buffer: body))
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: reply)))
        }
        let (main, mainServer) = try await Self.serve(router)
        let (hop, hopServer) = try await Self.serve(PortalApplication.router(portal: hoppingPortal))
        let (uncached, uncachedServer) = try await Self.serve(PortalApplication.router(portal: uncachedPortal))
        defer {
            mainServer.cancel()
            hopServer.cancel()
            uncachedServer.cancel()
        }
        let anonymous = try Self.script("anonymous", cookie: "cartable_csrf=\(Self.csrf)", csrf: Self.csrf)
        // A logged-in teacher: the session look-up and the identity (user, school, classes)
        // are resolved from the database on every request, as in production.
        let session = try Self.demoSession(portal)
        let loggedIn = try Self.script("session", cookie: "cartable_session=\(session.token)", csrf: session.csrf)
        let targets = [
            ("bare Hummingbird route", main, "/bench/bare", anonymous),
            ("host route running the Swift echo code", main, "/bench/swift-echo", anonymous),
            ("Swift plugin route (notes)", main, "/apps/notes/api/echo", anonymous),
            ("C plugin route (hello-c)", main, "/apps/hello-c/api/echo", anonymous),
            ("Swift plugin route, always hopping", hop, "/apps/notes/api/echo", anonymous),
            ("C plugin route, always hopping", hop, "/apps/hello-c/api/echo", anonymous),
            ("Swift plugin route, logged in (session and identity)", main, "/apps/notes/api/echo", loggedIn),
            // Every other portal of the bench caches sessions; this one reads each request's session from the database.
            ("Swift plugin route, logged in, session read from the database each request", uncached, "/apps/notes/api/echo", loggedIn),
        ]
        var totals = [String: [(rate: Double, p99: Double)]]()
        for round in 0..<3 {
            // Each round starts at another target, so no target always runs first or last.
            let start = (round * 3) % targets.count
            let order = Array(targets[start...]) + Array(targets[..<start])
            for (name, port, path, script) in order {
                let figures = try await runWrkWithLatency(url: "http://127.0.0.1:\(port)\(path)", script: script)
                totals[name, default: []].append((figures.rate, figures.p99))
                print("  round \(round + 1): \(name): \(String(format: "%.0f", figures.rate)) req/s")
            }
        }
        let rates = totals.mapValues(Rates.init)
        let median = { (name: String) -> Double in rates[name]?.median ?? 0 }
        let bare = median(targets[0].0)
        for (name, _, _, _) in targets { report.add("\(name), median req/s", median(name), "req/s", spread: rates[name]?.spread) }
        report.add("Swift plugin route / bare route", median(targets[2].0) / bare, "ratio", goal: .atLeast(0.70))
        report.add("C plugin route / bare route", median(targets[3].0) / bare, "ratio", goal: .atLeast(0.70))
        report.add("Swift plugin route always hopping / bare route", median(targets[4].0) / bare, "ratio")
        report.add("C plugin route always hopping / bare route", median(targets[5].0) / bare, "ratio")
        report.add("Swift plugin route / host route with the same Swift code", median(targets[2].0) / median(targets[1].0), "ratio")
        report.add(
            "Swift plugin route logged in / anonymous (cost of session and identity)", median(targets[6].0) / median(targets[2].0), "ratio")
        report.add(
            "Swift plugin route logged in, session from the database / anonymous", median(targets[7].0) / median(targets[2].0), "ratio")
    }

    /// A wrk script getting a page as a browser does, with `cookie`.
    static func pageScript(_ name: String, cookie: String) throws -> URL {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-\(name).lua")
        try """
        wrk.method = "GET"
        wrk.headers["Accept"] = "text/html"
        wrk.headers["Cookie"] = "\(cookie)"
        """.write(to: script, atomically: true, encoding: .utf8)
        return script
    }

    /// A wrk script posting the echo body with `cookie` and the matching CSRF header.
    static func script(_ name: String, cookie: String, csrf: String) throws -> URL {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-post-\(name).lua")
        try """
        wrk.method = "POST"
        wrk.body = '{"message":"bonjour"}'
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["Cookie"] = "\(cookie)"
        wrk.headers["X-CSRF-Token"] = "\(csrf)"
        """.write(to: script, atomically: true, encoding: .utf8)
        return script
    }

    /// Seeds the demo directory and opens a session for a teacher of two schools.
    static func demoSession(_ portal: Portal) throws -> (token: String, csrf: String) {
        _ = try DemoSeed(database: portal.database, hasher: PasswordHasher(costLog2: 10)).seedIfEmpty()
        guard let teacher = try Directory(database: portal.database).userID(login: "paul.durand") else {
            throw BenchFailure("the demo seed has no paul.durand")
        }
        let school = try Directory(database: portal.database).schools(ofUser: teacher).first?.id
        let opened = try portal.sessions.open(userID: teacher, schoolID: school, address: "127.0.0.1")
        return (opened.token, opened.session.csrfToken)
    }

    /// Starts a server for `router` on a free loopback port.
    static func serve(_ router: Router<PortalRequestContext>) async throws -> (Int, Task<Void, any Error>) {
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "cartable-bench-http")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: logger)
        let server = Task { try await app.run() }
        for _ in 0..<100 where port.withLock({ $0 }) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard let listening = port.withLock({ $0 }) else { throw BenchFailure("the bench server did not start") }
        return (listening, server)
    }

    /// The rounds of one target: the median rate, the range of the rates, the median p99 latency.
    struct Rates {
        let median: Double
        let spread: ClosedRange<Double>
        let p99: Double

        init(_ rounds: [(rate: Double, p99: Double)]) {
            let rates = rounds.map(\.rate).sorted(), latencies = rounds.map(\.p99).sorted()
            median = rates.isEmpty ? 0 : rates[rates.count / 2]
            spread = (rates.first ?? 0)...(rates.last ?? 0)
            p99 = latencies.isEmpty ? .nan : latencies[latencies.count / 2]
        }
    }

    /// Three rounds of wrk on every `(name, url)` target, the order reversed every other round so
    /// that none always runs first; each name's rates.
    func rounds(_ targets: [(String, String)], script: URL, shownAs prefix: String = "") async throws -> [String: Rates] {
        var rounds: [String: [(rate: Double, p99: Double)]] = [:]
        for round in 0..<3 {
            for (name, url) in round % 2 == 0 ? targets : targets.reversed() {
                let figures = try await runWrkWithLatency(url: url, script: script)
                rounds[name, default: []].append((figures.rate, figures.p99))
                print(
                    "  round \(round + 1): \(prefix)\(name): \(String(format: "%.0f", figures.rate)) req/s, p99 \(String(format: "%.2f", figures.p99)) ms"
                )
            }
        }
        return rounds.mapValues(Rates.init)
    }

    /// Runs wrk and returns its requests per second; any error response fails the bench.
    func runWrk(url: String, script: URL) async throws -> Double {
        try await runWrkWithLatency(url: url, script: script).rate
    }

    /// Requests per second and the median and 99th percentile latencies (ms) with `connections` (default: the bench's).
    /// wrk runs on a thread of its own: blocking one of the cooperative pool's threads (two on a
    /// 2-core machine) for the whole run took half the pool from the server under test (the post
    /// page measured 1,980 req/s in the bench against 3,870 in `cartable serve`).
    func runWrkWithLatency(
        url: String, script: URL, threads: Int = 2, connections: Int? = nil
    ) async throws -> (
        rate: Double, p50: Double, p99: Double
    ) {
        let connections = connections ?? self.connections
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try self.blockingWrk(url: url, script: script, threads: threads, connections: connections) })
            }
        }
    }

    private func blockingWrk(
        url: String, script: URL, threads: Int, connections: Int
    ) throws -> (
        rate: Double, p50: Double, p99: Double
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = [
            "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "--latency", "-s", script.path,
            url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("wrk failed on \(url): \(text)") }
        if text.contains("Non-2xx or 3xx responses") { throw BenchFailure("\(url) answered errors under load:\n\(text)") }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
        else { throw BenchFailure("cannot read wrk's output for \(url):\n\(text)") }
        return (rate, Self.percentile("50%", in: text), Self.percentile("99%", in: text))
    }

    /// A latency percentile line of wrk's `--latency` table (`    50%    1.23ms`), in milliseconds.
    static func percentile(_ label: String, in text: String) -> Double {
        guard let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }),
            let value = line.split(separator: " ", omittingEmptySubsequences: true).last
        else { return .nan }
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where value.hasSuffix(unit) {
            return (Double(value.dropLast(unit.count)) ?? .nan) * factor
        }
        return .nan
    }
}
