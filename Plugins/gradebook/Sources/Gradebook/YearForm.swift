// YearForm: the school year's form as typed — the cut and up to three named, dated periods — and the year it makes, or why not, on which field.
import GradebookRules

struct YearForm {
    static let rows = 3
    static let maxName = 60

    var cut: SchoolYear.Cut
    /// Name, first day and last day of each row, as typed.
    var rows: [(name: String, first: String, last: String)]

    /// Why the year was refused: the field to mark (nil: the whole form) and the locale key saying why.
    struct Refusal: Error {
        let field: String?
        let key: String
    }

    init(fields: [String: String]) {
        cut = fields["cut"].flatMap(SchoolYear.Cut.init(rawValue:)) ?? .trimesters
        rows = (1...Self.rows).map { index in
            (fields["name\(index)"] ?? "", fields["first\(index)"] ?? "", fields["last\(index)"] ?? "")
        }
    }

    /// The stored year's values, or the usual French names for a new one.
    init(_ year: SchoolYear?) {
        cut = year?.cut ?? .trimesters
        rows = (0..<Self.rows).map { index in
            guard let year, index < year.periods.count else { return ("", "", "") }
            let period = year.periods[index]
            return (period.name, period.first.iso, period.last.iso)
        }
    }

    /// The rows the cut uses (three trimesters or two semesters).
    var used: ArraySlice<(name: String, first: String, last: String)> { rows.prefix(cut.count) }

    func year() -> Result<SchoolYear, Refusal> {
        var periods: [SchoolPeriod] = []
        for (offset, row) in used.enumerated() {
            let index = offset + 1
            let name = row.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return .failure(Refusal(field: "name\(index)", key: "error.name_required")) }
            guard name.count <= Self.maxName else { return .failure(Refusal(field: "name\(index)", key: "error.name_too_long")) }
            guard let first = SchoolDay(iso: row.first) else { return .failure(Refusal(field: "first\(index)", key: "error.day_invalid")) }
            guard let last = SchoolDay(iso: row.last) else { return .failure(Refusal(field: "last\(index)", key: "error.day_invalid")) }
            periods.append(SchoolPeriod(name: name, first: first, last: last))
        }
        do {
            return .success(try SchoolYear(cut: cut, periods: periods))
        } catch {
            switch error {
            case .wrongCount: return .failure(Refusal(field: nil, key: "error.period_count"))
            case .emptyName(let period): return .failure(Refusal(field: "name\(period)", key: "error.name_required"))
            case .endsBeforeItStarts(let period): return .failure(Refusal(field: "last\(period)", key: "error.ends_before_start"))
            case .overlapsThePrevious(let period): return .failure(Refusal(field: "first\(period)", key: "error.overlaps_previous"))
            }
        }
    }
}
