// BenchReport: the figures of one bench run, printed as they come and written to bench/results/.
import CartableText
import Foundation

struct BenchReport {
    /// What a figure should reach; the run says whether it did.
    enum Goal {
        case atLeast(Double)
        case below(Double)

        var text: String {
            switch self {
            case .atLeast(let bound): "≥ \(BenchReport.format(bound))"
            case .below(let bound): "< \(BenchReport.format(bound))"
            }
        }

        func isMet(by value: Double) -> Bool {
            switch self {
            case .atLeast(let bound): value >= bound
            case .below(let bound): value < bound
            }
        }
    }

    struct Figure: Codable {
        let name: String
        let value: Double
        let unit: String
        /// The smallest and largest of the rounds the value is the median of.
        var spread: [Double]?
        var goal: String?
        var met: Bool?
    }

    private(set) var figures: [Figure] = []

    /// Records and prints a figure; `spread`: the rounds' range; `goal`: printed as met or MISSED.
    mutating func add(_ name: String, _ value: Double, _ unit: String, spread: ClosedRange<Double>? = nil, goal: Goal? = nil) {
        var figure = Figure(name: name, value: value, unit: unit)
        var line = "  \(name.padding(toLength: 64, withPad: " ", startingAt: 0)) \(Self.format(value)) \(unit)"
        if let spread {
            figure.spread = [spread.lowerBound, spread.upperBound]
            line += "  (rounds \(Self.format(spread.lowerBound))–\(Self.format(spread.upperBound)))"
        }
        if let goal {
            let met = goal.isMet(by: value)
            figure.goal = goal.text
            figure.met = met
            line += "  goal \(goal.text): \(met ? "met" : "MISSED")"
        }
        figures.append(figure)
        print(line)
    }

    /// Every goal of the run, and which were missed.
    func printGoals() {
        let judged = figures.filter { $0.goal != nil }
        let missed = judged.filter { $0.met == false }
        print("\nGoals: \(judged.count - missed.count) of \(judged.count) met")
        for figure in missed {
            print("  MISSED: \(figure.name): \(Self.format(figure.value)) \(figure.unit), goal \(figure.goal ?? "")")
        }
    }

    static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }

    /// Writes `<timestamp>.json` and `latest.json`.
    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = Date().formatted(.iso8601).replacingOccurrences(of: ":", with: "-")
        let document: [String: Any] = [
            "date": Date().formatted(.iso8601),
            "cores": ProcessInfo.processInfo.activeProcessorCount,
            "figures": figures.map { figure -> [String: Any] in
                var entry: [String: Any] = ["name": figure.name, "value": figure.value, "unit": figure.unit]
                if let spread = figure.spread { entry["spread"] = spread }
                if let goal = figure.goal, let met = figure.met {
                    entry["goal"] = goal
                    entry["met"] = met
                }
                return entry
            },
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

/// The extra nanoseconds per call of `measured` over `baseline`, from batches of each run one
/// after the other in the same loop (drift hits both alike): the median of the rounds' differences, and their range.
func pairedDifference(
    iterations: Int, rounds: Int = 15, baseline: () -> Void, measured: () -> Void
) -> (median: Double, spread: ClosedRange<Double>) {
    let batch = max(iterations / rounds, 1)
    for _ in 0..<min(batch, 10_000) {
        baseline()
        measured()
    }
    func time(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        for _ in 0..<batch { body() }
        let elapsed = ContinuousClock.now - start
        return (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / Double(batch)
    }
    var differences: [Double] = []
    for round in 0..<rounds {
        // Alternate which runs first, so neither always has the warmer cache.
        if round % 2 == 0 {
            let first = time(baseline)
            differences.append(time(measured) - first)
        } else {
            let first = time(measured)
            differences.append(first - time(baseline))
        }
    }
    let sorted = differences.sorted()
    return (sorted[sorted.count / 2], sorted[0]...sorted[sorted.count - 1])
}
