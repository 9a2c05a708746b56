// MarkdownRenderer: a post's Markdown as safe HTML (Ink, then the allow-list sanitizer), remembered per post version.
import Ink
import Synchronization

enum MarkdownRenderer {
    /// Ink does not sanitize (raw HTML and `javascript:` links pass through), so its output always goes through ``HTMLSanitizer``.
    static func html(_ markdown: String, externalImages: Bool = false) -> String {
        HTMLSanitizer.sanitize(MarkdownParser().html(from: markdown), externalImages: externalImages)
    }

    /// The same, for a stored post: a post version never changes, so its HTML is rendered
    /// once and served from memory after (rendering is most of the cost of a post page).
    static func html(_ markdown: String, post id: String, version: Int64, externalImages: Bool = false) -> String {
        let key = "\(id)@\(version)\(externalImages ? "+images" : "")"
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let rendered = html(markdown, externalImages: externalImages)
        cache.withLock { entries in
            // Bounded: when full, start again (the pages in use come back within a few requests).
            if entries.count >= cacheLimit { entries.removeAll(keepingCapacity: true) }
            entries[key] = rendered
        }
        return rendered
    }

    static let cacheLimit = 2_000
    private static let cache = Mutex<[String: String]>([:])
}
