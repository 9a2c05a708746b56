// PointsTests: marks typed with a comma or a point are kept exactly; anything else is refused; statuses come from their keys.
import Foundation
import GradebookRules
import Testing

@Suite("Gradebook: points and statuses")
struct PointsTests {
    @Test(arguments: [("15", 1500), ("15,5", 1550), ("15.25", 1525), (" 0,05 ", 5), ("0", 0), ("40", 4000), ("7.5", 750)])
    func typedPointsAreKeptExactly(text: String, hundredths: Int64) {
        #expect(Points(text: text)?.hundredths == hundredths)
    }

    @Test(arguments: ["", "-1", "15,255", "15,", ",5", "1e3", "quinze", "15,5,5", "12 5", "+3", "99999999"])
    func anythingElseIsRefused(text: String) {
        #expect(Points(text: text) == nil)
    }

    @Test func pointsAreWrittenBackShortest() {
        #expect(Points(hundredths: 1550).text(separator: ",") == "15,5")
        #expect(Points(hundredths: 1505).text() == "15.05")
        #expect(Points(hundredths: 1500).text() == "15")
    }

    @Test func anAssessmentAcceptsPointsUpToItsOutOf() throws {
        let weight = try #require(AssessmentWeight(outOf: Points(10)))
        #expect(weight.accepts(Points(10)) && !weight.accepts(Points(hundredths: 1001)))
        #expect(AssessmentWeight(outOf: .zero) == nil)
        #expect(AssessmentWeight(outOf: Points(20), coefficient: Points(100)) == nil)
        #expect(AssessmentWeight(outOf: Points(20), isBonus: true, isOptional: true) == nil)
    }

    /// A stored weight is checked as a typed one: an out-of of 0 would divide by zero.
    @Test func aStoredWeightThatCouldNotBeTypedIsRefused() throws {
        let decoder = JSONDecoder()
        let stored = Data(#"{"outOf":{"hundredths":2000},"coefficient":{"hundredths":100},"isBonus":false,"isOptional":false}"#.utf8)
        #expect(try decoder.decode(AssessmentWeight.self, from: stored).outOf == Points(20))
        let zero = Data(#"{"outOf":{"hundredths":0},"coefficient":{"hundredths":100},"isBonus":false,"isOptional":false}"#.utf8)
        #expect(throws: DecodingError.self) { try decoder.decode(AssessmentWeight.self, from: zero) }
    }

    @Test func everyStatusHasItsOwnKey() {
        #expect(Set(MarkStatus.allCases.map(\.key)).count == MarkStatus.allCases.count)
        for status in MarkStatus.allCases { #expect(MarkStatus(key: status.key) == status) }
        #expect(MarkStatus(key: "A") == .absent)
        #expect(MarkStatus(key: "q") == nil)
    }
}
