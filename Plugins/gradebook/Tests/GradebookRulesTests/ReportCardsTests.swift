// ReportCardsTests: a small class's period by hand — subject averages, general averages, figures and ranks.
import Foundation
import GradebookRules
import Testing

@Suite("Gradebook: report cards of a class")
struct ReportCardsTests {
    @Test func aClassPeriodByHand() throws {
        let french = SubjectMarks(
            subjectID: "francais", coefficient: Points(3),
            marks: ["lea": [mark("12"), mark("16")], "hugo": [mark("8"), status(.absent)], "ines": [status(.exempt)]])
        let maths = SubjectMarks(
            subjectID: "maths", coefficient: Points(2),
            marks: ["lea": [mark("7,5", outOf: 10)], "hugo": [mark("18")], "ines": [mark("9"), mark("11")]])
        let report = ReportCards.compute(pupils: ["lea", "hugo", "ines"], subjects: [french, maths], mode: .outOfTwenty, showsRanks: true)
        let frenchAverages = try #require(report.subjects.first?.averages)
        #expect(four(frenchAverages["lea"] ?? nil) == "14" && four(frenchAverages["hugo"] ?? nil) == "8")
        #expect((frenchAverages["ines"] ?? nil) == nil)
        // Léa: (14 × 3 + 15 × 2) / 5 = 14.4; Hugo: (8 × 3 + 18 × 2) / 5 = 12; Inès: French undefined, so maths alone: 10.
        #expect(four(report.general["lea"] ?? nil) == "14.4")
        #expect(four(report.general["hugo"] ?? nil) == "12")
        #expect(four(report.general["ines"] ?? nil) == "10")
        #expect(report.subjects.first?.statistics.count == 2)
        #expect(
            report.generalRanks?["lea"] ?? nil == 1 && report.generalRanks?["hugo"] ?? nil == 2 && report.generalRanks?["ines"] ?? nil == 3)
        let hidden = ReportCards.compute(pupils: ["lea"], subjects: [french], mode: .outOfTwenty, showsRanks: false)
        #expect(hidden.generalRanks == nil && hidden.subjects.first?.ranks == nil)
    }
}
