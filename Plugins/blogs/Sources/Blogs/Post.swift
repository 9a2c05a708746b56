// Post: one post of a blog, in the `posts` collection, with its workflow state.
import Foundation

struct Post: Codable, Sendable {
    enum State: String, Codable, Sendable {
        /// Seen by its author only.
        case draft
        /// Waiting for a manager: seen by its author and the blog's managers.
        case submitted
        /// Sent back by a manager with a note: seen by its author and the managers.
        case returned
        /// Seen by every reader of the blog.
        case published
    }

    var blog: String
    var title: String
    /// Markdown; rendered through the sanitizer.
    var body: String
    /// "" once the author's data was erased (the post of a class blog stays, unsigned).
    var author: String
    var authorName: String
    var state: State
    var created: String
    var updated: String
    /// When it was (first) published; indexed, newest first.
    var published: String?
    /// When a manager last changed it after publishing.
    var modified: String?
    /// A manager's note when sending it back.
    var returnNote: String?

    static let maxTitle = 200
    static let maxBody = 50_000

    static func validate(title: String, body: String) -> String? {
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "error.title_required" }
        if title.count > maxTitle { return "error.post_title_too_long" }
        if body.count > maxBody { return "error.body_too_long" }
        return nil
    }
}

/// A comment under a post, in the `comments` collection.
struct Comment: Codable, Sendable {
    var blog: String
    var post: String
    var author: String
    var authorName: String
    var body: String
    var created: String
    /// False while it waits for a manager on a moderated blog.
    var approved: Bool

    static let maxBody = 5_000
}

enum Clock {
    static func now() -> String { Date().formatted(.iso8601) }
}
