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
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ImportError(line: nil, key: "import.not_utf8", [], "the file is not UTF-8 text: save it as CSV UTF-8")
        }
        let firstLine = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        let semicolons = firstLine.filter { $0 == 0x3B }.count, commas = firstLine.filter { $0 == 0x2C }.count
        separator = semicolons >= commas ? ";" : ","
        var records = try Self.parse(bytes, separator: semicolons >= commas ? 0x3B : 0x2C)
        guard !records.isEmpty else { throw ImportError(line: nil, key: "import.empty", [], "the file is empty: it needs a header line") }
        header = records.removeFirst().fields.map(\.trimmed)
        rows = records.filter { !$0.fields.allSatisfy(\.isBlank) }
    }

    /// Splits UTF-8 bytes into rows; separators, quotes and line breaks are all ASCII, so
    /// fields are cut on bytes and decoded once.
    private static func parse(_ bytes: [UInt8], separator: UInt8) throws(ImportError) -> [Row] {
        let quote: UInt8 = 0x22, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, rowLine = 1
        var quoted = false, fieldStarted = false
        var index = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRow() {
            endField()
            rows.append(Row(line: rowLine, fields: fields))
            fields = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote where !fieldStarted:
                quoted = true
                fieldStarted = true
            case separator:
                endField()
            case newline, carriageReturn:
                if byte == carriageReturn, index < bytes.count, bytes[index] == newline { index += 1 }
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(byte)
                fieldStarted = true
            }
        }
        if quoted { throw ImportError(line: rowLine, key: "import.unclosed_quote", [], "a quoted field is never closed") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
