// SQLValue: one value bound to or read from a statement, the same on SQLite and PostgreSQL.
import Foundation

/// The values the host's tables hold: SQLite's storage classes, which PostgreSQL's columns
/// of the translated schema (BIGINT, DOUBLE PRECISION, TEXT, BYTEA, JSONB) map onto.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value a statement can bind.
package protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

/// A Swift value a column can be read as; `nil` when the stored value has another type.
package protocol SQLReadable {
    init?(sqlValue: SQLValue)
}

extension SQLValue: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { self }
    package init?(sqlValue: SQLValue) { self = sqlValue }
}

extension String: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .text(self) }
    package init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .integer(let number): self = String(number)
        case .real(let number): self = String(number)
        case .blob(let bytes): self = String(decoding: bytes, as: UTF8.self)
        case .null: return nil
        }
    }
}

extension Int64: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .integer(self) }
    package init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let number): self = number
        case .real(let number): self.init(exactly: number.rounded(.towardZero))
        case .text(let text): self.init(text)
        default: return nil
        }
    }
}

extension Int: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
    package init?(sqlValue: SQLValue) {
        guard let number = Int64(sqlValue: sqlValue) else { return nil }
        self.init(number)
    }
}

extension Int32: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
    package init?(sqlValue: SQLValue) {
        guard let number = Int64(sqlValue: sqlValue) else { return nil }
        self.init(exactly: number)
    }
}

extension Double: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .real(self) }
    package init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let number): self = number
        case .integer(let number): self = Double(number)
        case .text(let text): self.init(text)
        default: return nil
        }
    }
}

/// Booleans are stored as 0 and 1 (SQLite has no boolean; the schema keeps integers on both engines).
extension Bool: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    package init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let number): self = number != 0
        case .real(let number): self = number != 0
        case .text(let text): self = !["", "0", "f", "false"].contains(text)
        default: return nil
        }
    }
}

extension Data: SQLBindable, SQLReadable {
    package var sqlValue: SQLValue { .blob([UInt8](self)) }
    package init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let bytes): self.init(bytes)
        case .text(let text): self.init(text.utf8)
        default: return nil
        }
    }
}

extension Array: SQLBindable where Element == UInt8 {
    package var sqlValue: SQLValue { .blob(self) }
}

extension Array: SQLReadable where Element == UInt8 {
    package init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let bytes): self = bytes
        case .text(let text): self = Array(text.utf8)
        default: return nil
        }
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
