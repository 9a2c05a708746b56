// String+Trimmed: whitespace trimming without Foundation's bridging, for the import's millions of cells.
extension StringProtocol {
    /// The text without leading and trailing white space and line breaks.
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// True when the text is empty or only white space.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
