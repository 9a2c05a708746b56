// ImportError: one problem of an import file, with the line it is on.
/// A bad line (or a problem with the whole file when `line` is nil).
package struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    package let line: Int?
    /// The reason in English, for logs and the command line.
    package let reason: String
    /// The locale key of the reason (`import.…`), with its arguments: the console shows it in the reader's language.
    package let key: String
    package let arguments: [String]

    /// A reason people read in their language: `key` names it in the locale files, `reason` is its English text.
    package init(line: Int?, key: String, _ arguments: [String], _ reason: String) {
        self.line = line
        self.reason = reason
        self.key = key
        self.arguments = arguments
    }

    /// `line 12: unknown profile 'Prof' (use Élève, Enseignant, Parent, Personnel or Invité)`
    package var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}

/// Every problem found in a file; nothing was imported.
package struct ImportFailure: Error, Sendable, CustomStringConvertible {
    package let errors: [ImportError]

    package var description: String {
        "\(errors.count) error\(errors.count == 1 ? "" : "s"), nothing was imported:\n" + errors.map { "  \($0)" }.joined(separator: "\n")
    }
}
