// AveragePropertyTests: whatever the marks, a subject's average lies between the lowest and highest of the marks it counts.
import Foundation
import GradebookRules
import PropertyBased
import Testing

@Suite("Gradebook: averages, properties")
struct AveragePropertyTests {
    /// One generated mark: points in hundredths within its out-of, or a status, with a coefficient.
    static let marks = zip(Gen.int(in: 0...3), Gen.int(in: 0...4000), Gen.int(in: 0...400), Gen.int(in: 0...9))
        .map { generated -> WeightedMark in
            let (scale, points, coefficient, statusChance) = generated
            let outOf = [5, 10, 20, 40][scale]
            let weight =
                AssessmentWeight(outOf: Points(outOf), coefficient: Points(hundredths: Int64(coefficient)))
                ?? AssessmentWeight(outOf: Points(20))!
            if statusChance == 0 { return WeightedMark(.status(MarkStatus.allCases[points % MarkStatus.allCases.count]), weight) }
            return WeightedMark(.points(Points(hundredths: Int64(points % (outOf * 100 + 1)))), weight)
        }
        .array(of: 0...12)

    @Test func anAverageStaysWithinItsCountedMarks() async {
        await propertyCheck(count: 400, input: Self.marks, Gen.bool) { marks, byOutOf in
            let mode: AveragingMode = byOutOf ? .weightedByOutOf : .outOfTwenty
            let counted = marks.compactMap { mark -> Decimal? in
                guard !mark.weight.coefficient.isZero else { return nil }
                switch mark.mark {
                case .points(let points): return points.decimal * 20 / mark.weight.outOf.decimal
                case .status(let status): return status.countsAsZero ? 0 : nil
                }
            }
            guard let average = Averages.subject(marks, mode: mode) else {
                #expect(counted.isEmpty, "undefined although \(counted.count) marks count")
                return
            }
            let tolerance = Decimal(string: "0.0000000001") ?? 0
            #expect(
                average >= (counted.min() ?? 0) - tolerance && average <= (counted.max() ?? 0) + tolerance, "\(average) outside \(counted)")
        }
    }
}
