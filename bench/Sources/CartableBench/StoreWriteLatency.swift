// StoreWriteLatency: one connection creating blog posts through HTTP (the post, its event, its share) — median and 99th percentile latencies.
import Foundation
import HostDomain
import Hummingbird
import Portal

/// Each request is the teacher's "publish" form: the plugin writes the post, the host records
/// its timeline event; wrk on one connection gives the latency of a write, not of a queue.
struct StoreWriteLatency {
    let throughput: HTTPThroughput

    func measure(portal: Portal, label: String, into report: inout BenchReport) async throws -> Double {
        let (token, csrf) = try HTTPThroughput.demoSession(portal)
        let postPath = try BlogPageThroughput.seedPost(portal)
        guard let range = postPath.range(of: "/posts/") else { throw BenchFailure("unexpected post path \(postPath)") }
        let blogPath = String(postPath[..<range.lowerBound])
        let (server, task) = try await HTTPThroughput.serve(PortalApplication.router(portal: portal))
        defer { task.cancel() }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-write-\(label).lua")
        try """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
        wrk.headers["Cookie"] = "cartable_session=\(token); cartable_csrf=\(csrf)"
        wrk.headers["Origin"] = "http://127.0.0.1:\(server)"
        wrk.body = "_csrf=\(csrf)&title=Compte+rendu&body=La+classe+a+visit%C3%A9+le+mus%C3%A9e.&intent=publish"
        """.write(to: script, atomically: true, encoding: .utf8)
        let figures = try await throughput.runWrkWithLatency(
            url: "http://127.0.0.1:\(server)\(blogPath)/posts", script: script, threads: 1, connections: 1)
        print(
            "  \(label): \(String(format: "%.0f", figures.rate)) posts/s on one connection, p50 \(String(format: "%.2f", figures.p50)) ms, p99 \(String(format: "%.2f", figures.p99)) ms"
        )
        report.add("Create a blog post through HTTP (\(label)), one connection, p50", figures.p50, "ms", goal: .below(2))
        report.add("Create a blog post through HTTP (\(label)), one connection, p99", figures.p99, "ms")
        return figures.p50
    }
}
