// BlogsPersonalData: a person's blogs, posts and comments for their data export; erased or made anonymous when they leave.
import Foundation
import PluginKit

extension BlogsPlugin: PersonalDataProvider {
    struct Export: Encodable {
        struct OwnedBlog: Encodable {
            let title: String
            let description: String
            let created: String
        }

        struct WrittenPost: Encodable {
            let blog: String
            let title: String
            let body: String
            let state: String
            let created: String
            let published: String?
        }

        struct WrittenComment: Encodable {
            let post: String
            let body: String
            let created: String
        }

        let blogs: [OwnedBlog]
        let posts: [WrittenPost]
        let comments: [WrittenComment]
    }

    func exportPersonalData(of userID: String, request: PluginRequest) throws -> any Encodable {
        let blogs = try Collections.blogs(request).all(StoreQuery().where("owner", .eq, .string(userID)))
        let posts = try Collections.posts(request).all(StoreQuery().where("author", .eq, .string(userID)))
        let comments = try Collections.comments(request).all(StoreQuery().where("author", .eq, .string(userID)))
        let titles = try Dictionary(
            posts.map { ($0.id, $0.document.title) }
                + comments.compactMap { comment in
                    try Collections.posts(request).get(comment.document.post).map { (comment.document.post, $0.document.title) }
                }, uniquingKeysWith: { first, _ in first })
        let blogTitles = try Dictionary(
            uniqueKeysWithValues: Set(posts.map(\.document.blog)).compactMap { id in
                try Collections.blogs(request).get(id).map { (id, $0.document.title) }
            })
        return Export(
            blogs: blogs.map { .init(title: $0.document.title, description: $0.document.description, created: $0.document.created) },
            posts: posts.map {
                .init(
                    blog: blogTitles[$0.document.blog] ?? $0.document.blog, title: $0.document.title, body: $0.document.body,
                    state: $0.document.state.rawValue, created: $0.document.created, published: $0.document.published)
            },
            comments: comments.map {
                .init(post: titles[$0.document.post] ?? $0.document.post, body: $0.document.body, created: $0.document.created)
            })
    }

    /// Comments and unpublished posts are deleted; published posts stay in their blog, unsigned;
    /// blogs they created stay with their other managers, without their name. Idempotent.
    func erasePersonalData(of userID: String, request: PluginRequest) throws {
        var operations: [BatchOperation] = []
        // Their comments, and the comments under their unpublished posts (each deleted once).
        var doomedComments = Set(try Collections.comments(request).all(StoreQuery().where("author", .eq, .string(userID))).map(\.id))
        for post in try Collections.posts(request).all(StoreQuery().where("author", .eq, .string(userID))) {
            if post.document.state == .published {
                var kept = post.document
                kept.author = ""
                kept.authorName = ""
                operations.append(try .put("posts", post.id, kept))
            } else {
                for comment in try Collections.comments(request).all(StoreQuery().where("post", .eq, .string(post.id))) {
                    doomedComments.insert(comment.id)
                }
                operations.append(.delete("posts", post.id))
            }
        }
        for blog in try Collections.blogs(request).all(StoreQuery().where("owner", .eq, .string(userID))) {
            var kept = blog.document
            kept.owner = ""
            kept.ownerName = ""
            operations.append(try .put("blogs", blog.id, kept))
        }
        operations += doomedComments.sorted().map { .delete("comments", $0) }
        for start in stride(from: 0, to: operations.count, by: 200) {
            _ = try request.store.batch(Array(operations[start..<min(start + 200, operations.count)]))
        }
    }
}
