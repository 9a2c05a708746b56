// MarkdownRenderer: a post's Markdown as safe HTML (Ink, then the allow-list sanitizer).
import Ink

enum MarkdownRenderer {
    /// Ink does not sanitize (raw HTML and `javascript:` links pass through), so its output always goes through ``HTMLSanitizer``.
    static func html(_ markdown: String) -> String {
        HTMLSanitizer.sanitize(MarkdownParser().html(from: markdown))
    }
}
