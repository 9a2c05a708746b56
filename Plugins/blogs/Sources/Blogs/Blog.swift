// Blog: one blog as stored in the `blogs` collection; its readers and writers are host shares of "blog-<id>".
import Foundation

struct Blog: Codable, Sendable {
    /// Who created it (always a manager); "" once that person's data was erased.
    var owner: String
    var ownerName: String
    var title: String
    var description: String
    /// ISO 8601; indexed, the list shows the latest first.
    var created: String
    var updated: String
    /// Comments wait for a manager's approval before they show.
    var moderated: Bool
    /// Readable without logging in at /pub/blogs/<slug> (while the authority allows public blogs).
    var isPublic: Bool
    /// The public name; kept when the blog becomes private again, so its address stays the same.
    var slug: String?
    /// Bumped at each new cover, so browsers fetch the new one.
    var coverVersion: Int?

    static let maxTitle = 120
    static let maxDescription = 2_000

    static func resource(_ id: String) -> String { "blog-\(id)" }

    /// Checks a submitted title and description; the error is a locale key.
    static func validate(title: String, description: String) -> String? {
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "error.title_required" }
        if title.count > maxTitle { return "error.title_too_long" }
        if description.count > maxDescription { return "error.description_too_long" }
        return nil
    }
}

/// A blog's cover image, in the `covers` collection under the blog's id.
struct Cover: Codable, Sendable {
    var contentType: String
    /// Base64 of the image bytes.
    var data: String

    static let maxBytes = 600_000

    /// The image type from the file's first bytes (PNG, JPEG, GIF, WebP), whatever the browser claimed; nil for anything else.
    static func sniff(_ bytes: Data) -> String? {
        let head = [UInt8](bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }
}
