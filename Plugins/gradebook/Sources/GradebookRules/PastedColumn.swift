// PastedColumn: a column of marks pasted from a spreadsheet into the entry grid, read cell by cell — bad cells refused with why, the others kept.
import Foundation

/// One line per pupil, in the grid's order: points ("15,5", "15.5"), a status by its key (`a`,
/// `d`, `n`, `i`, `r`, `z`, `x`) or by the words spreadsheets export ("Abs", "Disp", "NNot",
/// "Inap", "NRdu"), or nothing (the pupil's mark is left as it is).
public enum PastedColumn {
    /// Why a cell was refused; the grid shows it on the cell, in the reader's language.
    public enum Refusal: Error, Hashable, Sendable {
        /// Neither points nor a status; `text` is what was pasted (cut to 40 characters), to be escaped where shown.
        case notAMark(text: String)
        /// Points above the assessment's out-of.
        case aboveOutOf(Points)
    }

    /// A cell as read: a mark, nothing to change (an empty cell), or a refusal.
    public typealias Cell = Result<Mark?, Refusal>

    /// The cells of `text` for `rows` pupils on an assessment of `weight`: lines past the last
    /// pupil are counted in `extraLines` and set nothing; missing lines leave their pupils as they are.
    public static func read(_ text: String, weight: AssessmentWeight, rows: Int) -> (cells: [Cell], extraLines: Int) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // A trailing line break is no line of its own.
        while let last = lines.last, last.isEmpty, lines.count > rows { lines.removeLast() }
        let cells = (0..<rows).map { index -> Cell in
            index < lines.count ? cell(lines[index], weight: weight) : .success(nil)
        }
        return (cells, max(0, lines.count - rows))
    }

    /// One cell: its first field only (a row pasted with several columns keeps its first).
    static func cell(_ raw: String, weight: AssessmentWeight) -> Cell {
        let text = String(raw.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .success(nil) }
        if let points = Points(text: text) {
            return weight.accepts(points) ? .success(.points(points)) : .failure(.aboveOutOf(points))
        }
        if text.count == 1, let key = text.first, let status = MarkStatus(key: key) { return .success(.status(status)) }
        if let status = exportedWords[text.lowercased().filter { $0.isLetter || $0.isNumber }] { return .success(.status(status)) }
        return .failure(.notAMark(text: String(text.prefix(40))))
    }

    /// The words spreadsheets and other gradebooks export for statuses, lower-cased, letters and digits only.
    static let exportedWords: [String: MarkStatus] = [
        "abs": .absent, "absent": .absent, "disp": .exempt, "dispense": .exempt, "nnot": .notGraded, "nonnote": .notGraded,
        "inap": .unfit, "inapte": .unfit, "nrdu": .notHandedIn, "nonrendu": .notHandedIn, "abs0": .absentCountedZero,
        "nrdu0": .notHandedInCountedZero,
    ]
}
