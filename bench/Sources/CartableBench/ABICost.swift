// ABICost: ns per echo request — handler called directly, through the host's ABI bridge, and with the thread hop.
import CartableText
import Foundation
import PluginAPI
import PluginRuntime

/// Measures, for the Swift and the C template, the same small JSON request:
/// - `direct`: the plugin's `handle` called with a ready C request and a bare sink (no host bridge);
/// - `bridge`: `LoadedPlugin.handle` — what the host adds: request layout, response sink, reply;
/// - `bridge + hop`: the same run on the blocking pool from async code, one caller at a time
///   (thread wake-up latency included) and 16 callers at once (the cost under load);
/// - `default pool`: the portal's default, inline while the budget allows.
/// For Swift, `Swift in host` runs the plugin's handler code (JSON decode and encode) compiled into the host.
struct ABICost {
    let iterations: Int
    static let body = Array(#"{"message":"bonjour"}"#.utf8)

    func measure(
        swift: LoadedPlugin, c: LoadedPlugin, pool: BlockingWorkPool, defaultPool: BlockingWorkPool, into report: inout BenchReport
    ) async throws {
        let inHost = nanosecondsPerCall(iterations: iterations) { _ = SwiftEcho.handle(Self.body) }
        report.add("Swift handler compiled into the host (baseline)", inHost, "ns")
        for plugin in [swift, c] {
            let call = PluginCall(method: "POST", path: "/api/echo", body: Self.body, requestID: "bench", basePath: "/apps/\(plugin.id)")
            let check = plugin.handle(call)
            guard check.status == 200, String(decoding: check.body, as: UTF8.self).contains("bonjour") else {
                throw BenchFailure("\(plugin.id) echo answered \(check.status): \(String(decoding: check.body, as: UTF8.self))")
            }
            let raw = RawCall(plugin: plugin, body: Self.body)
            let direct = nanosecondsPerCall(iterations: iterations) { raw.call() }
            let bridge = nanosecondsPerCall(iterations: iterations) { _ = plugin.handle(call) }
            let hop = await asyncNanosecondsPerCall(iterations: iterations / 4) { _ = await pool.run { plugin.handle(call) } }
            let concurrentHop = await concurrentNanosecondsPerCall(iterations: iterations, callers: 16) {
                _ = await pool.run { plugin.handle(call) }
            }
            let inline = await asyncNanosecondsPerCall(iterations: iterations) { _ = await defaultPool.run { plugin.handle(call) } }
            let kind = plugin.isSwift ? "Swift" : "C"
            report.add("\(kind) plugin: handle called directly", direct, "ns")
            report.add("\(kind) plugin: through the host bridge", bridge, "ns")
            report.add("\(kind) plugin: bridge + blocking-pool hop, one caller", hop, "ns")
            report.add("\(kind) plugin: bridge + blocking-pool hop, 16 callers", concurrentHop, "ns")
            report.add("\(kind) plugin: bridge + default pool (inline in budget)", inline, "ns")
            // Overheads are differences measured within one loop (batches of each alternating), not of two medians.
            let overhead = pairedDifference(iterations: iterations, baseline: { raw.call() }, measured: { _ = plugin.handle(call) })
            report.add(
                "\(kind) plugin: bridge overhead per request, paired", overhead.median, "ns", spread: overhead.spread, goal: .below(2000))
            if plugin.isSwift {
                let versusHost = pairedDifference(
                    iterations: iterations, baseline: { _ = SwiftEcho.handle(Self.body) }, measured: { _ = plugin.handle(call) })
                report.add(
                    "Swift plugin through the bridge vs same code in host, paired", versusHost.median, "ns", spread: versusHost.spread)
            }
        }
    }
}

/// The notes plugin's echo handler, compiled into the host for the baseline.
enum SwiftEcho {
    struct EchoRequest: Decodable { let message: String }
    struct EchoReply: Encodable {
        let echo: String
        let plugin: String
    }

    static func handle(_ body: [UInt8]) -> [UInt8] {
        guard let input = try? JSONDecoder().decode(EchoRequest.self, from: Data(body)) else { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(EchoReply(echo: input.message, plugin: "notes")))) ?? []
    }
}

/// Nanoseconds per call when `callers` tasks share `iterations` calls.
func concurrentNanosecondsPerCall(iterations: Int, callers: Int, _ body: @escaping @Sendable () async -> Void) async -> Double {
    var samples: [Double] = []
    for _ in 0..<3 {
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<callers {
                group.addTask { for _ in 0..<(iterations / callers) { await body() } }
            }
        }
        let elapsed = ContinuousClock.now - start
        samples.append((Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / Double(iterations))
    }
    return samples.sorted()[samples.count / 2]
}

func asyncNanosecondsPerCall(iterations: Int, rounds: Int = 5, _ body: () async -> Void) async -> Double {
    for _ in 0..<min(iterations, 5_000) { await body() }
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for _ in 0..<iterations { await body() }
        let elapsed = ContinuousClock.now - start
        samples.append((Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / Double(iterations))
    }
    return samples.sorted()[samples.count / 2]
}
