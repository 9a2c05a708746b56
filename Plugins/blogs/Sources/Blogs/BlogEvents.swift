// BlogEvents: the timeline events of the blogs app and who sees each (managers, readers, an author).
import Foundation
import PluginKit

enum BlogEvents {
    /// Everyone the blog is shared with at `right` or above: users and groups.
    static func audience(_ access: BlogAccess, _ request: PluginRequest, atLeast right: Access.Right) throws -> Events.Audience {
        var audience = Events.Audience()
        for share in try request.access.shares(of: access.resource) where share.right.rawValue >= right.rawValue {
            switch share.target {
            case .user(let id): audience.users.append(id)
            case .group(let id): audience.groups.append(id)
            }
        }
        return audience
    }

    static func postLink(_ access: BlogAccess, _ postID: String, _ request: PluginRequest) -> String {
        "\(request.basePath)/blogs/\(access.id)/posts/\(postID)"
    }

    /// A contributor submitted a post: the blog's managers are told.
    static func submitted(_ post: Versioned<Post>, _ access: BlogAccess, _ request: PluginRequest) throws {
        try request.events.emit(
            "blogs.post.submitted", to: try audience(access, request, atLeast: .manage), link: postLink(access, post.id, request),
            resource: access.resource, params: ["title": post.document.title, "blog": access.document.title],
            key: "submitted-\(post.id)-\(post.version)")
    }

    /// A post was published: every reader is told (once per post).
    static func published(_ postID: String, _ post: Post, _ access: BlogAccess, _ request: PluginRequest) throws {
        try request.events.emit(
            "blogs.post.published", to: try audience(access, request, atLeast: .read), link: postLink(access, postID, request),
            resource: access.resource, params: ["title": post.title, "blog": access.document.title], key: "published-\(postID)")
    }

    /// A manager sent a post back: its author is told.
    static func returned(_ post: Versioned<Post>, _ access: BlogAccess, _ request: PluginRequest) throws {
        guard !post.document.author.isEmpty else { return }
        try request.events.emit(
            "blogs.post.returned", to: .init(users: [post.document.author]), link: postLink(access, post.id, request),
            resource: access.resource, params: ["title": post.document.title, "blog": access.document.title],
            key: "returned-\(post.id)-\(post.version)")
    }

    /// A comment shows under a post: the post's author is told.
    static func commented(_ commentID: String, on post: Versioned<Post>, _ access: BlogAccess, _ request: PluginRequest) throws {
        guard !post.document.author.isEmpty else { return }
        try request.events.emit(
            "blogs.comment.added", to: .init(users: [post.document.author]),
            link: postLink(access, post.id, request) + "#comment-\(commentID)",
            resource: access.resource, params: ["title": post.document.title, "blog": access.document.title], key: "comment-\(commentID)")
    }

    /// A comment waits for approval: the managers are told.
    static func awaiting(_ commentID: String, on post: Versioned<Post>, _ access: BlogAccess, _ request: PluginRequest) throws {
        try request.events.emit(
            "blogs.comment.waiting", to: try audience(access, request, atLeast: .manage),
            link: postLink(access, post.id, request) + "#comment-\(commentID)",
            resource: access.resource, params: ["title": post.document.title, "blog": access.document.title], key: waitingKey(commentID))
    }

    /// The comment was approved or deleted: no manager has it to do any more.
    static func settled(_ commentID: String, _ request: PluginRequest) throws {
        try request.events.settle(key: waitingKey(commentID))
    }

    private static func waitingKey(_ commentID: String) -> String { "waiting-\(commentID)" }
}
