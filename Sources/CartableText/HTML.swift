// HTML: markup that is safe by construction — every value interpolated into it is escaped unless it is HTML itself.
/// Written as a string literal: the literal's text is the author's markup, and each
/// interpolated `String` is escaped (`& < > " '`), so user text is inert in element content
/// and in quoted attribute values. Markup built elsewhere is interpolated as `HTML`, and text
/// that is already markup from a trusted source (a plugin's fragment) is marked with
/// ``trusted(_:)``, the one visible way in.
///
/// ```swift
/// let item: HTML = "<li><a href=\"/notes/\(note.id)\">\(note.title)</a></li>"
/// let list: HTML = "<ul>\(items.joined())</ul>"
/// ```
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup, ready to send.
    public private(set) var markup: String

    public init() { markup = "" }

    public init(stringLiteral literal: String) { markup = literal }

    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// `text`, escaped.
    public init(text: some StringProtocol) { markup = escapeHTML(String(text)) }

    /// Markup from a source the caller vouches for (a plugin's fragment, a page built by a trusted
    /// renderer), taken as it is. Never for text a person typed.
    public static func trusted(_ markup: String) -> HTML {
        var html = HTML()
        html.markup = markup
        return html
    }

    public var description: String { markup }

    public var isEmpty: Bool { markup.isEmpty }

    public static func + (left: HTML, right: HTML) -> HTML {
        var result = left
        result += right
        return result
    }

    public static func += (left: inout HTML, right: HTML) { left.markup += right.markup }

    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: some StringProtocol) { markup += escapeHTML(String(text)) }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        /// Optional markup: nothing when absent.
        public mutating func appendInterpolation(_ html: HTML?) { markup += html?.markup ?? "" }

        /// Pieces of markup, one after the other.
        public mutating func appendInterpolation(_ pieces: [HTML]) { for piece in pieces { markup += piece.markup } }

        /// A number, in digits (numbers people read go through the localizer, as text).
        public mutating func appendInterpolation(_ number: some BinaryInteger) { markup += String(number) }
    }
}

extension Sequence where Element == HTML {
    /// The pieces one after the other, with `separator` between them.
    public func joined(separator: HTML = HTML()) -> HTML {
        var result = HTML(), first = true
        for piece in self {
            if !first { result += separator }
            result += piece
            first = false
        }
        return result
    }
}
