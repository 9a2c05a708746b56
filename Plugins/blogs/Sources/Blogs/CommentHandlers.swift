// CommentHandlers: readers with the comment right comment published posts; managers approve or delete comments.
import Foundation
import PluginKit

extension BlogsPlugin {
    func addComment(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .comment)
        let post = try access.post(try request.parameter("post"), request)
        let user = try request.requireUser()
        guard post.document.state == .published else {
            return try postResponse(post, access, request, error: "error.comment_unpublished", status: 409)
        }
        let body = (request.form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return try postResponse(post, access, request, error: "error.comment_empty", status: 400) }
        guard body.count <= Comment.maxBody else {
            return try postResponse(post, access, request, error: "error.comment_too_long", status: 400)
        }
        let approved = !access.document.moderated || access.canManage
        let id = OnceID.from(request.form["comment_id"])
        let comment = Comment(
            blog: access.id, post: post.id, author: user.id, authorName: user.displayName, body: body, created: Clock.now(),
            approved: approved)
        do {
            try Collections.comments(request).put(id, comment, expecting: .new)
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            // The same form again: the comment exists already (its notification is keyed by its id).
            guard let existing = try Collections.comments(request).get(id), existing.document.author == user.id,
                existing.document.post == post.id
            else { throw error }
        }
        if approved {
            try BlogEvents.commented(id, on: post, access, request)
        } else {
            try BlogEvents.awaiting(id, on: post, access, request)
        }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/posts/\(post.id)#comment-\(id)")
    }

    /// The comment `:comment` of the post in the path.
    func comment(_ request: PluginRequest) throws -> (BlogAccess, Versioned<Post>, Versioned<Comment>) {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let post = try access.post(try request.parameter("post"), request)
        guard let comment = try Collections.comments(request).get(try request.parameter("comment")), comment.document.post == post.id else {
            throw PluginError.notFound(request.localized("error.comment_not_found"))
        }
        return (access, post, comment)
    }

    func approveComment(_ request: PluginRequest) throws -> PluginResponse {
        let (access, post, comment) = try self.comment(request)
        guard access.canManage else { throw PluginError.denied(request.localized("error.right_manage")) }
        if !comment.document.approved {
            var approved = comment.document
            approved.approved = true
            try Collections.comments(request).put(comment.id, approved, expecting: .version(comment.version))
            try BlogEvents.settled(comment.id, request)
            try BlogEvents.commented(comment.id, on: post, access, request)
        }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/posts/\(post.id)#comment-\(comment.id)")
    }

    func deleteComment(_ request: PluginRequest) throws -> PluginResponse {
        let (access, post, comment) = try self.comment(request)
        let userID = try request.requireUser().id
        guard access.canManage || comment.document.author == userID else {
            throw PluginError.denied(request.localized("error.right_manage"))
        }
        try Collections.comments(request).delete(comment.id)
        if !comment.document.approved { try BlogEvents.settled(comment.id, request) }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/posts/\(post.id)")
    }
}
