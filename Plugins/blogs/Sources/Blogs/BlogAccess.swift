// BlogAccess: a blog loaded with the caller's right on it (read ⊂ comment ⊂ contrib ⊂ manage, from host shares).
import Foundation
import PluginKit

/// A blog as the caller may see it. A blog the caller cannot read is "not found": its
/// existence is not revealed; one they read but may not change answers 403.
struct BlogAccess {
    let id: String
    let blog: Versioned<Blog>
    /// nil on a public page (anonymous visitor of a public blog).
    let right: Access.Right?

    var document: Blog { blog.document }
    var resource: String { Blog.resource(id) }
    var canComment: Bool { (right?.rawValue ?? 0) >= Access.Right.comment.rawValue }
    var canContribute: Bool { (right?.rawValue ?? 0) >= Access.Right.contrib.rawValue }
    var canManage: Bool { right == .manage }

    /// The blog `id` with the caller's right, which must be at least `minimum`.
    static func load(_ id: String, _ request: PluginRequest, minimum: Access.Right = .read) throws -> BlogAccess {
        _ = try request.requireUser()
        let right = try request.access.right(on: Blog.resource(id))
        guard let right, let blog = try Collections.blogs(request).get(id) else {
            throw PluginError.notFound(request.localized("error.blog_not_found"))
        }
        guard right.rawValue >= minimum.rawValue else {
            throw PluginError.denied(request.localized("error.right_\(minimum)"))
        }
        return BlogAccess(id: id, blog: blog, right: right)
    }

    /// The post `postID` of this blog, if the caller may see it in its state.
    func post(_ postID: String, _ request: PluginRequest) throws -> Versioned<Post> {
        guard let post = try Collections.posts(request).get(postID), post.document.blog == id, canSee(post.document, request.user?.id)
        else {
            throw PluginError.notFound(request.localized("error.post_not_found"))
        }
        return post
    }

    /// Published posts: every reader. Drafts: their author. Submitted or sent back: their author and the managers.
    func canSee(_ post: Post, _ userID: String?) -> Bool {
        let isAuthor = userID != nil && post.author == userID
        switch post.state {
        case .published: return true
        case .draft: return isAuthor
        case .submitted, .returned: return isAuthor || canManage
        }
    }

    /// Managers edit any post they see; authors who still contribute edit theirs until published.
    func canEdit(_ post: Post, _ userID: String) -> Bool {
        if canManage { return canSee(post, userID) }
        return canContribute && post.author == userID && post.state != .published
    }

    /// Managers delete any post they see; authors their posts not yet published.
    func canDelete(_ post: Post, _ userID: String) -> Bool {
        canEdit(post, userID)
    }
}

/// The plugin's collections.
enum Collections {
    static func blogs(_ request: PluginRequest) throws -> DocumentCollection<Blog> { try request.store.collection("blogs", of: Blog.self) }
    static func posts(_ request: PluginRequest) throws -> DocumentCollection<Post> { try request.store.collection("posts", of: Post.self) }
    static func comments(_ request: PluginRequest) throws -> DocumentCollection<Comment> {
        try request.store.collection("comments", of: Comment.self)
    }
    static func covers(_ request: PluginRequest) throws -> DocumentCollection<Cover> {
        try request.store.collection("covers", of: Cover.self)
    }
}

extension BlogAccess {
    /// "read", "comment", "contrib" or "manage".
    static func right(named name: String) -> Access.Right? {
        Access.Right.allCases.first { "\($0)" == name }
    }
}
