// SchoolYearTests: a year's periods are checked as the school admin sets them, and an assessment's date finds its period.
import GradebookRules
import Testing

@Suite("Gradebook: the school year")
struct SchoolYearTests {
    func day(_ text: String) throws -> SchoolDay { try #require(SchoolDay(iso: text)) }

    func trimesters() throws -> [SchoolPeriod] {
        [
            SchoolPeriod(name: "1er trimestre", first: try day("2026-09-01"), last: try day("2026-11-30")),
            SchoolPeriod(name: "2e trimestre", first: try day("2026-12-01"), last: try day("2027-02-28")),
            SchoolPeriod(name: "3e trimestre", first: try day("2027-03-08"), last: try day("2027-07-04")),
        ]
    }

    @Test func aDateFindsItsPeriodAndTheHolidaysNone() throws {
        let year = try SchoolYear(cut: .trimesters, periods: try trimesters())
        #expect(year.period(of: try day("2026-09-01"))?.name == "1er trimestre")
        #expect(year.period(of: try day("2026-11-30"))?.name == "1er trimestre")
        #expect(year.period(of: try day("2027-02-28"))?.name == "2e trimestre")
        #expect(year.period(of: try day("2027-03-01")) == nil)  // winter holidays
        #expect(year.period(of: try day("2027-07-05")) == nil)
    }

    @Test func periodsThatDoNotFitAreRefusedWithWhy() throws {
        var periods = try trimesters()
        #expect(throws: SchoolYear.Refusal.wrongCount(expected: 2, got: 3)) { try SchoolYear(cut: .semesters, periods: periods) }
        periods[1] = SchoolPeriod(name: "2e trimestre", first: try day("2026-11-15"), last: try day("2027-02-28"))
        #expect(throws: SchoolYear.Refusal.overlapsThePrevious(period: 2)) { try SchoolYear(cut: .trimesters, periods: periods) }
        periods[1] = SchoolPeriod(name: "2e trimestre", first: try day("2027-02-28"), last: try day("2026-12-01"))
        #expect(throws: SchoolYear.Refusal.endsBeforeItStarts(period: 2)) { try SchoolYear(cut: .trimesters, periods: periods) }
        periods[1] = SchoolPeriod(name: "  ", first: try day("2026-12-01"), last: try day("2027-02-28"))
        #expect(throws: SchoolYear.Refusal.emptyName(period: 2)) { try SchoolYear(cut: .trimesters, periods: periods) }
    }

    @Test(arguments: ["2027-02-29", "2026-13-01", "2026-9-1", "01/09/2026", "", "2026-09-31"])
    func impossibleDaysAreRefused(text: String) {
        #expect(SchoolDay(iso: text) == nil)
    }

    @Test func leapDaysExist() throws {
        #expect(try day("2028-02-29").iso == "2028-02-29")
        #expect(SchoolDay(iso: "2100-02-29") == nil)
    }
}
