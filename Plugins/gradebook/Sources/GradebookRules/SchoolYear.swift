// SchoolYear: a school's year cut into trimesters or semesters (set by its admin), and the period an assessment's date falls in.
import Foundation

/// A day of the calendar, as schools write their periods: `2026-09-01`.
public struct SchoolDay: Hashable, Comparable, Sendable, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// "2026-09-01"; nil for anything else, an impossible date included (2027-02-30).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month),
            (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (left: SchoolDay, right: SchoolDay) -> Bool {
        (left.year, left.month, left.day) < (right.year, right.month, right.day)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// One period: its name as the school writes it ("1er trimestre") and its first and last days.
public struct SchoolPeriod: Hashable, Sendable, Codable {
    public let name: String
    public let first: SchoolDay
    public let last: SchoolDay

    public init(name: String, first: SchoolDay, last: SchoolDay) {
        self.name = name
        self.first = first
        self.last = last
    }

    public func contains(_ day: SchoolDay) -> Bool { first <= day && day <= last }
}

/// The year of one school: three trimesters or two semesters, in order, none overlapping.
public struct SchoolYear: Hashable, Sendable, Codable {
    public enum Cut: String, Sendable, Codable, CaseIterable {
        case trimesters, semesters

        public var count: Int { self == .trimesters ? 3 : 2 }
    }

    /// Why periods were refused; the setup page says it in the reader's language.
    public enum Refusal: Error, Hashable, Sendable {
        case wrongCount(expected: Int, got: Int)
        case emptyName(period: Int)
        case endsBeforeItStarts(period: Int)
        case overlapsThePrevious(period: Int)
    }

    public let cut: Cut
    public let periods: [SchoolPeriod]

    /// Checks `periods` against `cut`: the right count, each named, each ending on or after its
    /// first day, each starting after the previous one ends (gaps, the holidays, are allowed).
    public init(cut: Cut, periods: [SchoolPeriod]) throws(Refusal) {
        guard periods.count == cut.count else { throw .wrongCount(expected: cut.count, got: periods.count) }
        for (index, period) in periods.enumerated() {
            if period.name.trimmingCharacters(in: .whitespaces).isEmpty { throw .emptyName(period: index + 1) }
            if period.last < period.first { throw .endsBeforeItStarts(period: index + 1) }
            if index > 0, period.first <= periods[index - 1].last { throw .overlapsThePrevious(period: index + 1) }
        }
        self.cut = cut
        self.periods = periods
    }

    /// The period `day` falls in; nil in the holidays between periods and outside the year.
    public func period(of day: SchoolDay) -> SchoolPeriod? {
        periods.first { $0.contains(day) }
    }
}
