// AveragesTests: subject and general averages on cases computed by hand, in both modes, with every status, bonus and optional marks.
import Foundation
import GradebookRules
import Testing

@Suite("Gradebook: averages")
struct AveragesTests {
    /// 18/20, 3/10 and 1/5, coefficient 1 each.
    static let threeScales = [mark("18"), mark("3", outOf: 10), mark("1", outOf: 5)]

    @Test func eachMarkBroughtToTwentyCountsAlike() {
        // (18 + 6 + 4) / 3
        #expect(four(Averages.subject(Self.threeScales, mode: .outOfTwenty)) == "9.3333")
    }

    @Test func weighingByOutOfCountsATestOutOfTenHalfAsMuch() {
        // 20 × (18 + 3 + 1) / (20 + 10 + 5) = 440 / 35
        #expect(four(Averages.subject(Self.threeScales, mode: .weightedByOutOf)) == "12.5714")
    }

    @Test func coefficientsWeighEachMark() {
        // 12 ×2 and 8 ×1: (24 + 8) / 3 in both modes (same out-of).
        let marks = [mark("12", coefficient: "2"), mark("8")]
        #expect(four(Averages.subject(marks, mode: .outOfTwenty)) == "10.6667")
        #expect(four(Averages.subject(marks, mode: .weightedByOutOf)) == "10.6667")
        // 15,5/20 ×0,5 and 7/10 ×2: (7.75 + 28) / 2.5 brought to twenty; 20 × (7.75 + 14) / (10 + 20) by out-of.
        let halves = [mark("15,5", coefficient: "0,5"), mark("7", outOf: 10, coefficient: "2")]
        #expect(four(Averages.subject(halves, mode: .outOfTwenty)) == "14.3")
        #expect(four(Averages.subject(halves, mode: .weightedByOutOf)) == "14.5")
    }

    @Test func statusesAreLeftOutButTheTwoCountedAsZero() {
        for left in [MarkStatus.absent, .exempt, .notGraded, .unfit, .notHandedIn] {
            #expect(four(Averages.subject([mark("15"), status(left)], mode: .outOfTwenty)) == "15", "\(left)")
        }
        for zero in [MarkStatus.absentCountedZero, .notHandedInCountedZero] {
            #expect(four(Averages.subject([mark("15"), status(zero)], mode: .outOfTwenty)) == "7.5", "\(zero)")
            #expect(four(Averages.subject([mark("15"), status(zero, outOf: 10)], mode: .weightedByOutOf)) == "10", "\(zero)")
        }
    }

    @Test func anAverageWithEveryMarkLeftOutIsUndefinedNotZero() {
        #expect(Averages.subject([], mode: .outOfTwenty) == nil)
        #expect(Averages.subject([status(.absent), status(.exempt)], mode: .weightedByOutOf) == nil)
        // Coefficient 0: shown, never counted.
        #expect(Averages.subject([mark("18", coefficient: "0")], mode: .outOfTwenty) == nil)
        #expect(four(Averages.subject([mark("18", coefficient: "0"), mark("6")], mode: .outOfTwenty)) == "6")
        // A zero counted as zero is an average of 0, not an undefined one.
        #expect(four(Averages.subject([status(.absentCountedZero)], mode: .outOfTwenty)) == "0")
    }

    @Test func aBonusAddsOnlyThePointsAboveHalfWithoutWeighing() {
        // Four marks of 12 and a bonus of 16/20: 12 + (16 − 10) / 4 in both modes.
        let marks = Array(repeating: mark("12"), count: 4) + [mark("16", bonus: true)]
        #expect(four(Averages.subject(marks, mode: .outOfTwenty)) == "13.5")
        #expect(four(Averages.subject(marks, mode: .weightedByOutOf)) == "13.5")
        // A bonus of 4/10 is below half: nothing added.
        #expect(four(Averages.subject([mark("12"), mark("4", outOf: 10, bonus: true)], mode: .outOfTwenty)) == "12")
        // Bonus out of 10, coefficient 2, 8/10: 3 points above half, (3 × 20/10) × 2 = 12 added to 12 × 1 over 1 → capped at 20.
        #expect(four(Averages.subject([mark("12"), mark("8", outOf: 10, coefficient: "2", bonus: true)], mode: .outOfTwenty)) == "20")
        // Same bonus by out-of: 20 × (12 + 2 × 3) / 20 = 18.
        #expect(four(Averages.subject([mark("12"), mark("8", outOf: 10, coefficient: "2", bonus: true)], mode: .weightedByOutOf)) == "18")
        // A bonus alone has nothing to add to: undefined.
        #expect(Averages.subject([mark("18", bonus: true)], mode: .outOfTwenty) == nil)
    }

    @Test func anOptionalMarkCountsWhenAboveTheOtherMarksAverage() {
        // 10 and 14 (average 12): an optional 13 counts, (10 + 14 + 13) / 3; an optional 11 does not.
        #expect(four(Averages.subject([mark("10"), mark("14"), mark("13", optional: true)], mode: .outOfTwenty)) == "12.3333")
        #expect(four(Averages.subject([mark("10"), mark("14"), mark("11", optional: true)], mode: .outOfTwenty)) == "12")
        // Each optional mark is compared with the average without optional marks (Pronote's
        // reading): 19 and 11 both beat 10, so both count — (10 + 19 + 11) / 3, below the 14.5 of 19 alone.
        #expect(
            four(Averages.subject([mark("10"), mark("19", optional: true), mark("11", optional: true)], mode: .outOfTwenty)) == "13.3333")
        // Without another mark, optional marks all count.
        #expect(four(Averages.subject([mark("6", optional: true), mark("8", optional: true)], mode: .outOfTwenty)) == "7")
        // An optional mark left out by its status is left out.
        #expect(
            four(Averages.subject([mark("10"), WeightedMark(.status(.absent), weight(outOf: 20, optional: true))], mode: .outOfTwenty))
                == "10")
    }

    @Test func theGeneralAverageWeighsSubjectsAndSkipsUndefinedOnes() {
        // French 12 ×3, mathematics 15 ×2, music undefined ×1, sport 18 ×0: (36 + 30) / 5.
        let general = Averages.general([
            (Decimal(12), Points(3)), (Decimal(15), Points(2)), (nil, Points(1)), (Decimal(18), Points(0)),
        ])
        #expect(four(general) == "13.2")
        #expect(Averages.general([(nil, Points(1))]) == nil)
        #expect(Averages.general([]) == nil)
    }

    @Test func roundingIsForDisplayOnly() throws {
        let average = try #require(Averages.subject(Self.threeScales, mode: .weightedByOutOf))  // 12.571428…
        #expect(Rounding(step: .hundredth).text(average) == "12,57")
        #expect(Rounding(step: .tenth).text(average, separator: ".") == "12.6")
        #expect(Rounding(step: .half).text(average) == "12,5")
        #expect(Rounding(step: .half, direction: .up).text(average) == "13,0")
        #expect(Rounding(step: .whole).text(average) == "13")
        #expect(Rounding(step: .tenth, direction: .up).text(Decimal(string: "12.01")) == "12,1")
        #expect(Rounding(step: .hundredth).text(Decimal(string: "12.005")) == "12,01")
        #expect(Rounding().text(nil) == "—")
        #expect(Rounding(step: .hundredth).text(Decimal(9)) == "9,00")
    }
}
