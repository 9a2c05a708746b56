// ReaderDates: how dates read on every page, the host's and the plugins' alike — one format per language, in the schools' time zone.
import Foundation
import Synchronization

/// French reads "2 décembre 2026 à 14:05", English "2 December 2026 at 14:05": one way in
/// each language across the portal and the apps (a 24-hour clock in both).
public struct ReaderDates: Sendable {
    /// The time zone of the schools (metropolitan France).
    public static let schoolTimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt

    public let language: String
    public let timeZone: TimeZone
    let calendar: Calendar
    private let dayStyle: Date.FormatStyle
    private let timeStyle: Date.FormatStyle
    private let weekdayStyle: Date.FormatStyle
    private let relativeStyle: Date.RelativeFormatStyle

    /// The formats of each language in the schools' time zone, built once: pages reuse these.
    public static let french = ReaderDates(language: "fr"), english = ReaderDates(language: "en")

    /// The shared formats of `language` (French unless English).
    public static func of(_ language: String) -> ReaderDates {
        language == "en" ? english : french
    }

    public init(language: String, timeZone: TimeZone = ReaderDates.schoolTimeZone) {
        self.language = language == "en" ? "en" : "fr"
        self.timeZone = timeZone
        let locale = Locale(identifier: self.language == "en" ? "en_GB" : "fr_FR")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = locale
        self.calendar = calendar
        let base = Date.FormatStyle(locale: locale, calendar: calendar, timeZone: timeZone)
        dayStyle = Date.FormatStyle(date: .long, time: .omitted, locale: locale, calendar: calendar, timeZone: timeZone)
        timeStyle = base.hour(.twoDigits(amPM: .omitted)).minute(.twoDigits)
        weekdayStyle = base.weekday(.wide).day().month(.wide)
        var relative = Date.RelativeFormatStyle(presentation: .named, unitsStyle: .wide, locale: locale, calendar: calendar)
        relative.capitalizationContext = .middleOfSentence
        relativeStyle = relative
    }

    /// An ISO 8601 text as stored, nil when unreadable. A bare day ("2026-09-01", a period's
    /// first day) is its midnight in the schools' time zone, so that it reads as that day.
    public static func parse(_ iso: String) -> Date? {
        if let instant = try? Date(iso, strategy: .iso8601) { return instant }
        guard iso.utf8.count == 10, let day = try? Date(iso, strategy: bareDay),
            day.formatted(bareDay) == iso  // 2027-02-30 would otherwise roll over to March
        else { return nil }
        return day
    }

    private static let bareDay = Date.ISO8601FormatStyle(timeZone: schoolTimeZone).year().month().day()

    /// "2 décembre 2026" / "2 December 2026".
    public func day(_ date: Date) -> String {
        date.formatted(dayStyle)
    }

    /// The day of a stored ISO 8601 date (``day(_:)``), nil when unreadable. Pages show the same
    /// stored dates again and again (a post's, its comments'): each is parsed and formatted once.
    public func day(iso: String) -> String? {
        let key = language + iso
        if let known = Self.days.withLock({ $0[key] }) { return known }
        guard let date = Self.parse(iso) else { return nil }
        let text = day(date)
        Self.days.withLock { days in
            if days.count >= Self.daysKept { days.removeAll(keepingCapacity: true) }
            days[key] = text
        }
        return text
    }

    private static let daysKept = 8192
    private static let days = Mutex<[String: String]>([:])

    /// "14:05".
    public func time(_ date: Date) -> String {
        date.formatted(timeStyle)
    }

    /// "2 décembre 2026 à 14:05" / "2 December 2026 at 14:05".
    public func dayAndTime(_ date: Date) -> String {
        language == "en" ? "\(day(date)) at \(time(date))" : "\(day(date)) à \(time(date))"
    }

    /// "il y a 5 minutes", "hier" / "5 minutes ago", "yesterday", from `now`.
    public func relative(_ date: Date, now: Date) -> String {
        guard now.timeIntervalSince(date) >= 45 else { return language == "en" ? "just now" : "à l'instant" }
        return date.formatted(relativeStyle)
    }

    /// "mercredi 2 décembre" (the year added when it is not `now`'s).
    public func weekday(_ date: Date, now: Date) -> String {
        let sameYear = calendar.component(.year, from: date) == calendar.component(.year, from: now)
        return date.formatted(sameYear ? weekdayStyle : weekdayStyle.year())
    }

    /// Days between `date`'s day and `now`'s, in the schools' calendar: 0 today, 1 yesterday.
    public func daysAgo(_ date: Date, now: Date) -> Int {
        let start = calendar.startOfDay(for: date), today = calendar.startOfDay(for: now)
        return calendar.dateComponents([.day], from: start, to: today).day ?? 0
    }

    /// The calendar day of `date`, to group by.
    public func startOfDay(_ date: Date) -> Date {
        calendar.startOfDay(for: date)
    }
}
