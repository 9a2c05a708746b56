// MemorySoak: the resident memory of one release host with every plugin of the repository, idle and under the post page's load for several minutes.
import Foundation
import HostDomain
import HostStorage

/// Starts `cartable serve --demo` (SQLite, the bench's plugins: blogs, notes, hello-c), reads
/// its RSS from /proc once warm and idle, then loads a demo post page with wrk one minute at a
/// time, reading the RSS after each minute: the peak, and the growth from the first minute to the last.
struct MemorySoak {
    let throughput: HTTPThroughput
    let cartable: URL
    let plugins: URL
    let minutes: Int

    func measure(into report: inout BenchReport) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try HostsBehindProxy.freePort()
        let host = try HostsBehindProxy.start(
            cartable, ["serve", "--demo", "--data", folder.path, "--plugins", plugins.path, "--port", "\(port)", "--password-cost", "10"],
            log: folder.appendingPathComponent("serve.log"))
        defer {
            host.terminate()
            host.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        try await HostsBehindProxy.waitFor("\(base)/healthz")

        // Paul's session, opened in the host's database; a demo post from his home page.
        let database = try HostDatabase(directory: folder, migrate: false)
        let directory = Directory(database: database)
        guard let paul = try directory.userID(login: "paul.durand") else { throw BenchFailure("the host did not seed the demo") }
        // The school of his where the demo blogs are.
        var found: (cookie: String, blog: Substring)?
        var seen: [String] = []
        for school in try directory.schools(ofUser: paul) where found == nil {
            let opened = try SessionStore(database: database).open(userID: paul, schoolID: school.id, address: "127.0.0.1")
            let cookie = "cartable_session=\(opened.token)"
            let blogs = try await BlogPageThroughput.fetch("\(base)/apps/blogs/", cookie: cookie)
            seen.append(String(blogs.prefix(400)))
            if let blog = blogs.firstMatch(of: /\/apps\/blogs\/blogs\/[0-9a-f-]+/)?.0 { found = (cookie, blog) }
        }
        guard let (cookie, blog) = found else {
            throw BenchFailure("no demo blog for paul.durand on \(base)/apps/blogs/: \(seen.joined(separator: "\n—\n"))")
        }
        let blogPage = try await BlogPageThroughput.fetch("\(base)\(blog)", cookie: cookie)
        guard let post = blogPage.firstMatch(of: /\/apps\/blogs\/blogs\/[0-9a-f-]+\/posts\/[0-9a-f-]+/)?.0 else {
            throw BenchFailure("no demo post on \(base)\(blog)")
        }
        _ = try await BlogPageThroughput.fetch("\(base)\(post)", cookie: cookie)
        try await Task.sleep(for: .seconds(3))
        let idle = try Self.residentMegabytes(host.processIdentifier)
        report.add("Memory of one host with every plugin, idle after a first page", idle, "MB", goal: .below(80))

        let script = try HTTPThroughput.pageScript("memory", cookie: cookie)
        let minute = HTTPThroughput(seconds: 60, connections: throughput.connections)
        var samples: [Double] = []
        var rates: [Double] = []
        for index in 1...minutes {
            rates.append(try await minute.runWrk(url: "\(base)\(post)", script: script))
            samples.append(try Self.residentMegabytes(host.processIdentifier))
            print(
                "  minute \(index): \(String(format: "%.0f", rates.last ?? 0)) req/s, RSS \(String(format: "%.1f", samples.last ?? 0)) MB")
        }
        let peak = samples.max() ?? 0
        report.add(
            "Memory under the post page's load, highest of \(minutes) minutes", peak, "MB",
            spread: (samples.min() ?? 0)...peak, goal: .below(150))
        report.add(
            "Memory growth from the first minute to the last (flat: near 0)", (samples.last ?? 0) - (samples.first ?? 0), "MB",
            goal: .below(10))
        report.add(
            "Post page on that host during the \(minutes) minutes, median req/s", rates.sorted()[rates.count / 2], "req/s",
            spread: (rates.min() ?? 0)...(rates.max() ?? 0))
    }

    /// VmRSS of `pid`, in MB (1,048,576 bytes).
    static func residentMegabytes(_ pid: Int32) throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw BenchFailure("cannot read VmRSS of process \(pid)") }
        return kilobytes / 1024
    }
}
