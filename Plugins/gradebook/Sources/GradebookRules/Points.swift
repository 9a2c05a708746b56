// Points: a mark, an out-of or a coefficient in exact hundredths (15,5 is 1550), never a binary floating point number.
import Foundation

/// What a teacher types — "15", "15,5", "15.25" — kept exactly: two decimals at most, never
/// negative. Marks, out-ofs and coefficients are all points.
public struct Points: Hashable, Comparable, Sendable, Codable {
    public let hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    public init(_ whole: Int) {
        hundredths = Int64(whole) * 100
    }

    /// "15", "15,5" or "15.25" (spaces around allowed); nil for anything else: a sign, a third
    /// decimal, letters, more than 9,999,999.99.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: trimmed.contains(",") ? "," : ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, !wholePart.isEmpty, wholePart.count <= 7, wholePart.allSatisfy(\.isASCIIDigit),
            let whole = Int64(wholePart)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        hundredths = whole * 100 + fraction
    }

    public static let zero = Points(hundredths: 0)

    public var isZero: Bool { hundredths == 0 }

    /// The exact value, for arithmetic on averages.
    public var decimal: Decimal {
        // The hundredths with an exponent of −2: exact, and no division.
        Decimal(sign: hundredths < 0 ? .minus : .plus, exponent: -2, significand: Decimal(hundredths.magnitude))
    }

    public static func < (left: Points, right: Points) -> Bool { left.hundredths < right.hundredths }

    /// "15", "15.5", "15.25": the shortest exact writing, with `separator` between units and decimals.
    public func text(separator: String = ".") -> String {
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        if fraction % 10 == 0 { return "\(whole)\(separator)\(fraction / 10)" }
        return "\(whole)\(separator)\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
