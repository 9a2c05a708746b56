// BenchReport: the figures of one bench run, printed as they come and written to bench/results/.
import CartableText
import Foundation

struct BenchReport {
    struct Figure: Codable {
        let name: String
        let value: Double
        let unit: String
    }

    private(set) var figures: [Figure] = []

    mutating func add(_ name: String, _ value: Double, _ unit: String) {
        figures.append(Figure(name: name, value: value, unit: unit))
        let shown = value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
        print("  \(name.padding(toLength: 58, withPad: " ", startingAt: 0)) \(shown) \(unit)")
    }

    /// Writes `<timestamp>.json` and `latest.json`.
    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = Date().formatted(.iso8601).replacingOccurrences(of: ":", with: "-")
        let document: [String: Any] = [
            "date": Date().formatted(.iso8601),
            "cores": ProcessInfo.processInfo.activeProcessorCount,
            "figures": figures.map { ["name": $0.name, "value": $0.value, "unit": $0.unit] },
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: folder.appendingPathComponent("bench-\(stamp).json"))
        try data.write(to: folder.appendingPathComponent("latest.json"))
        print("\nwritten to \(folder.path)/bench-\(stamp).json")
    }
}

/// Median nanoseconds per call of `body` over `rounds` rounds of `iterations` calls.
func nanosecondsPerCall(iterations: Int, rounds: Int = 5, _ body: () -> Void) -> Double {
    for _ in 0..<min(iterations, 10_000) { body() }
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for _ in 0..<iterations { body() }
        let elapsed = ContinuousClock.now - start
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        samples.append(nanos / Double(iterations))
    }
    return samples.sorted()[samples.count / 2]
}
