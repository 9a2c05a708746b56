// GradebookBench: `make bench`'s figure for the gradebook's rules — the report cards of a 1,000-pupil school for one period, computed from the marks.
import Foundation
import GradebookRules

/// A school of 30 classes (1,000 pupils), 12 subjects of 8 assessments each with varied out-ofs,
/// coefficients, statuses, bonus and optional marks; the time to compute every class's report
/// (averages per subject, general averages, figures, ranks) in both modes, median of 5 runs.
struct SchoolFixture {
    let classes: [(pupils: [String], subjects: [SubjectMarks])]

    init(pupils: Int = 1_000, classes classCount: Int = 30, subjects: Int = 12, assessments: Int = 8) {
        var generator = SplitMix(seed: 2026)
        let outOfs = [5, 10, 20, 20, 20, 40]
        var built: [(pupils: [String], subjects: [SubjectMarks])] = []
        for index in 0..<classCount {
            let size = pupils / classCount + (index < pupils % classCount ? 1 : 0)
            let members = (0..<size).map { "c\(index)-p\($0)" }
            let subjectMarks = (0..<subjects).map { subject -> SubjectMarks in
                let weights = (0..<assessments).map { number -> AssessmentWeight in
                    let outOf = outOfs[Int(generator.next() % UInt64(outOfs.count))]
                    return AssessmentWeight(
                        outOf: Points(outOf), coefficient: Points(hundredths: Int64(50 + generator.next() % 300)),
                        isBonus: number == 6 && subject % 3 == 0, isOptional: number == 7 && subject % 4 == 0)
                        ?? weightOfLastResort
                }
                var marks: [String: [WeightedMark]] = [:]
                for pupil in members {
                    marks[pupil] = weights.map { weight in
                        if generator.next() % 20 == 0 {
                            return WeightedMark(.status(MarkStatus.allCases[Int(generator.next() % 7)]), weight)
                        }
                        return WeightedMark(
                            .points(Points(hundredths: Int64(generator.next() % UInt64(weight.outOf.hundredths + 1)))), weight)
                    }
                }
                return SubjectMarks(subjectID: "s\(subject)", coefficient: Points(1 + subject % 4), marks: marks)
            }
            built.append((members, subjectMarks))
        }
        classes = built
    }
}

// A weight that always exists (20 points, coefficient 1), for the fixture's unreachable fallback.
private let weightOfLastResort: AssessmentWeight = {
    guard let weight = AssessmentWeight(outOf: Points(20)) else { fatalError("20 points with coefficient 1 is a valid weight") }
    return weight
}()

/// A small seeded generator, so that every run computes the same school.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let arguments = CommandLine.arguments.dropFirst()
let resultsFolder = arguments.first.map { URL(fileURLWithPath: $0) }
let school = SchoolFixture()
var figures: [[String: Any]] = []
print("Gradebook rules — report cards of a 1,000-pupil school for one period (30 classes, 12 subjects × 8 assessments)")
for mode in AveragingMode.allCases {
    var seconds: [Double] = []
    var checksum = Decimal(0)
    for _ in 0..<5 {
        let start = ContinuousClock.now
        for group in school.classes {
            let report = ReportCards.compute(pupils: group.pupils, subjects: group.subjects, mode: mode, showsRanks: true)
            checksum += report.generalStatistics.mean ?? 0
        }
        let elapsed = ContinuousClock.now - start
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    seconds.sort()
    let median = seconds[seconds.count / 2]
    let met = median < 2 ? "met" : "MISSED"
    print(
        "  \(mode.rawValue): median \(String(format: "%.3f", median)) s (runs \(String(format: "%.3f", seconds[0]))–\(String(format: "%.3f", seconds[seconds.count - 1]))), goal < 2 s: \(met) (mean of the class means \(checksum / 5 / 30))"
    )
    figures.append([
        "name": "report cards of a 1,000-pupil school, one period (\(mode.rawValue)), median of 5", "value": median, "unit": "s",
        "spread": [seconds[0], seconds[seconds.count - 1]], "goal": "< 2",
    ])
}
if let resultsFolder {
    let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "-")
    let file = resultsFolder.appendingPathComponent("gradebook-\(stamp).json")
    let data = try JSONSerialization.data(withJSONObject: ["date": stamp, "figures": figures], options: [.prettyPrinted, .sortedKeys])
    try data.write(to: file)
    print("written to \(file.path)")
}
