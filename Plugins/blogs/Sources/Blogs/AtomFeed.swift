// AtomFeed: published posts as an Atom 1.0 document (RFC 4287), bodies as sanitized HTML.
import Foundation
import PluginKit

struct AtomFeed {
    struct Entry {
        let id: String
        /// The post's store version, for the rendering cache.
        let version: Int64
        let title: String
        let author: String
        let published: String
        let updated: String
        /// Where a reader opens the post (relative to the site).
        let link: String
        let markdown: String
    }

    /// `urn:uuid:<blog id>` for one blog; another stable URN for a person's feed.
    let id: String
    let title: String
    let subtitle: String?
    /// The feed's own address and the page it mirrors, both site-relative.
    let selfLink: String
    let alternateLink: String
    let entries: [Entry]
    let fallbackUpdated: String
    /// Whether images of other sites stay images (the authority's `external_images`).
    var externalImages = false

    func render() -> String {
        let updated = entries.map(\.updated).max() ?? fallbackUpdated
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<id>\(Self.escape(id))</id>\n<title>\(Self.escape(title))</title>\n"
        if let subtitle, !subtitle.isEmpty { xml += "<subtitle>\(Self.escape(subtitle))</subtitle>\n" }
        xml += "<updated>\(Self.escape(updated))</updated>\n<generator>Cartable</generator>\n"
        xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.escape(selfLink))\"/>\n"
        xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escape(alternateLink))\"/>\n"
        for entry in entries {
            xml += "<entry>\n<id>urn:uuid:\(Self.escape(entry.id))</id>\n<title>\(Self.escape(entry.title))</title>\n"
            xml += "<author><name>\(Self.escape(entry.author))</name></author>\n"
            xml += "<published>\(Self.escape(entry.published))</published>\n<updated>\(Self.escape(entry.updated))</updated>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escape(entry.link))\"/>\n"
            xml +=
                "<content type=\"html\">\(Self.escape(MarkdownRenderer.html(entry.markdown, post: entry.id, version: entry.version, externalImages: externalImages)))</content>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// XML text and attribute escaping (the HTML escaping is valid XML); characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        let allowed = text.unicodeScalars.filter { scalar in
            let value = scalar.value
            return value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
        }
        return escapeHTML(String(String.UnicodeScalarView(allowed)))
    }
}
