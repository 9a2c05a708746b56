// CSVTable: reads a CSV file (';' or ',', UTF-8 with or without BOM, quoted fields) keeping line numbers.
import Foundation

/// The rows of a CSV file, each with the line number where it starts, so every error can
/// name the line a spreadsheet user will look at. Written here rather than taken from a
/// library because import errors must point at physical lines, quoted newlines included.
package struct CSVTable: Sendable {
    package struct Row: Sendable {
        /// 1-based line of the file where the row starts.
        package let line: Int
        package let fields: [String]
    }

    package let header: [String]
    package let rows: [Row]
    package let separator: Character

    package init(data: Data) throws(ImportError) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: Data(bytes), encoding: .utf8) else {
            throw ImportError(line: nil, "the file is not UTF-8 text: save it as CSV UTF-8")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let semicolons = firstLine.filter { $0 == ";" }.count, commas = firstLine.filter { $0 == "," }.count
        separator = semicolons >= commas ? ";" : ","
        var records = try Self.parse(text, separator: separator)
        guard !records.isEmpty else { throw ImportError(line: nil, "the file is empty: it needs a header line") }
        header = records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    private static func parse(_ text: String, separator: Character) throws(ImportError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1, rowLine = 1
        var quoted = false, fieldStarted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRow() {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
            fields = []
            field = ""
            fieldStarted = false
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            case separator:
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(character)
                fieldStarted = true
            }
        }
        if quoted { throw ImportError(line: rowLine, "a quoted field is never closed") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
