// Statistics: count, lowest, highest, mean, median and distribution of a class's marks on an assessment or of its averages in a subject.
import Foundation

/// Figures over values on the /20 scale (marks brought to /20, or averages); values left out
/// (undefined) are not counted.
public struct ClassStatistics: Hashable, Sendable {
    public let count: Int
    public let lowest: Decimal?
    public let highest: Decimal?
    public let mean: Decimal?
    public let median: Decimal?
    /// How many values fall in [0, 5), [5, 10), [10, 15) and [15, 20].
    public let buckets: [Int]

    public init(_ values: [Decimal?]) {
        let counted = values.compactMap { $0 }.sorted()
        count = counted.count
        lowest = counted.first
        highest = counted.last
        mean = counted.isEmpty ? nil : counted.reduce(0, +) / Decimal(counted.count)
        if counted.isEmpty {
            median = nil
        } else if counted.count % 2 == 1 {
            median = counted[counted.count / 2]
        } else {
            median = (counted[counted.count / 2 - 1] + counted[counted.count / 2]) / 2
        }
        var buckets = [0, 0, 0, 0]
        for value in counted {
            let index = value >= 15 ? 3 : value >= 10 ? 2 : value >= 5 ? 1 : 0
            buckets[index] += 1
        }
        self.buckets = buckets
    }

    /// The marks of an assessment, brought to /20.
    public init(marks: [Mark], weight: AssessmentWeight) {
        self.init(marks.map { WeightedMark($0, weight).outOfTwenty })
    }

    /// Each value's rank, highest first, ties sharing the better rank (1, 2, 2, 4); nil for an undefined value.
    public static func ranks(_ values: [Decimal?]) -> [Int?] {
        let counted = values.compactMap { $0 }
        return values.map { value in value.map { value in counted.filter { $0 > value }.count + 1 } }
    }
}
