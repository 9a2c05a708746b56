// PastedColumnTests: a pasted column keeps its good cells and refuses the bad ones one by one, hostile text included.
import GradebookRules
import Testing

@Suite("Gradebook: a pasted column")
struct PastedColumnTests {
    @Test func goodCellsAreKeptAndBadOnesRefusedEachWithItsReason() throws {
        let weight = try #require(AssessmentWeight(outOf: Points(20)))
        let pasted = "15,5\r\n12.25\nabs\n\n21\n<script>alert(1)</script>\nD\t3e B\n8"
        let (cells, extra) = PastedColumn.read(pasted, weight: weight, rows: 8)
        #expect(extra == 0)
        #expect(try cells[0].get() == .points(Points(hundredths: 1550)))
        #expect(try cells[1].get() == .points(Points(hundredths: 1225)))
        #expect(try cells[2].get() == .status(.absent))
        #expect(try cells[3].get() == nil)  // empty: left as it is
        #expect(cells[4] == .failure(.aboveOutOf(Points(21))))
        #expect(cells[5] == .failure(.notAMark(text: "<script>alert(1)</script>")))
        #expect(try cells[6].get() == .status(.exempt))  // the first field of a row of several columns
        #expect(try cells[7].get() == .points(Points(8)))
    }

    @Test func linesPastTheLastPupilAreCountedAndMissingOnesChangeNothing() throws {
        let weight = try #require(AssessmentWeight(outOf: Points(10)))
        let (more, extra) = PastedColumn.read("1\n2\n3\n4\n", weight: weight, rows: 2)
        #expect(more.count == 2 && extra == 2)
        let (fewer, none) = PastedColumn.read("9\n", weight: weight, rows: 3)
        #expect(none == 0)
        #expect(try fewer.map { try $0.get() } == [.points(Points(9)), nil, nil])
    }

    @Test func statusesByKeyOrByTheWordsSpreadsheetsExport() throws {
        let weight = try #require(AssessmentWeight(outOf: Points(20)))
        let (cells, _) = PastedColumn.read("a\nDisp\nN.Not\nInap\nN.Rdu\nAbs0\nz\nx\nr\ni\nn", weight: weight, rows: 11)
        #expect(
            try cells.map { try $0.get() } == [
                .status(.absent), .status(.exempt), .status(.notGraded), .status(.unfit), .status(.notHandedIn),
                .status(.absentCountedZero), .status(.absentCountedZero), .status(.notHandedInCountedZero), .status(.notHandedIn),
                .status(.unfit), .status(.notGraded),
            ])
    }

    @Test func aLongBadCellIsEchoedCut() throws {
        let weight = try #require(AssessmentWeight(outOf: Points(20)))
        let (cells, _) = PastedColumn.read(String(repeating: "é", count: 200), weight: weight, rows: 1)
        #expect(cells[0] == .failure(.notAMark(text: String(repeating: "é", count: 40))))
    }
}
