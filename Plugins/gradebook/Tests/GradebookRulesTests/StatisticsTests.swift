// StatisticsTests: a class's figures on an assessment and its ranks, by hand.
import Foundation
import GradebookRules
import Testing

@Suite("Gradebook: class statistics")
struct StatisticsTests {
    @Test func figuresOfAnAssessmentOutOfTenBroughtToTwenty() throws {
        let weight = try #require(AssessmentWeight(outOf: Points(10)))
        let marks: [Mark] = [.points(Points(2)), .points(Points(9)), .points(Points(5)), .status(.absent), .status(.absentCountedZero)]
        let figures = ClassStatistics(marks: marks, weight: weight)
        // /20: 4, 18, 10, 0 (absent left out).
        #expect(figures.count == 4)
        #expect(figures.lowest == 0 && figures.highest == 18)
        #expect(figures.mean == 8)
        #expect(figures.median == 7)
        #expect(figures.buckets == [2, 0, 1, 1])
    }

    @Test func nothingCountedMeansNoFigures() {
        let figures = ClassStatistics([nil, nil])
        #expect(figures.count == 0 && figures.mean == nil && figures.median == nil && figures.buckets == [0, 0, 0, 0])
    }

    @Test func tiesShareTheBetterRank() {
        #expect(ClassStatistics.ranks([Decimal(12), Decimal(15), Decimal(12), nil, Decimal(9)]) == [2, 1, 2, nil, 4])
    }
}
