// FeedHandlers: Atom feeds of published posts — one per blog, and one per person of every blog they read.
import Foundation
import PluginKit

extension BlogsPlugin {
    static let feedSize = 30

    /// The newest published posts of a blog.
    static func publishedPosts(of blogID: String, limit: Int, _ request: PluginRequest) throws -> [Versioned<Post>] {
        try Collections.posts(request).query(
            StoreQuery().where("blog", .eq, .string(blogID)).where("state", .eq, "published")
                .order(by: "published", descending: true).limit(limit)
        ).items
    }

    static func entries(_ posts: [Versioned<Post>], linkBase: (Versioned<Post>) -> String, request: PluginRequest) -> [AtomFeed.Entry] {
        posts.map { post in
            let published = post.document.published ?? post.document.created
            return AtomFeed.Entry(
                id: post.id, version: post.version, title: post.document.title,
                author: post.document.authorName.isEmpty ? request.localized("post.former_member") : post.document.authorName,
                published: published, updated: post.document.modified ?? published, link: linkBase(post), markdown: post.document.body)
        }
    }

    static func atom(_ feed: AtomFeed) -> PluginResponse {
        PluginResponse(
            headers: [("content-type", "application/atom+xml; charset=utf-8"), ("x-content-type-options", "nosniff")],
            body: Data(feed.render().utf8))
    }

    /// One blog's feed, for its readers (behind their session).
    func blogFeed(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let blogPath = "\(request.basePath)/blogs/\(access.id)"
        let posts = try Self.publishedPosts(of: access.id, limit: Self.feedSize, request)
        return Self.atom(
            AtomFeed(
                id: "urn:uuid:\(access.id)", title: access.document.title, subtitle: access.document.description,
                selfLink: "\(blogPath)/feed.atom", alternateLink: blogPath,
                entries: Self.entries(posts, linkBase: { "\(blogPath)/posts/\($0.id)" }, request: request),
                fallbackUpdated: access.document.updated, externalImages: request.showsExternalImages))
    }

    /// The caller's feed: the newest published posts of every blog they read.
    func myFeed(_ request: PluginRequest) throws -> PluginResponse {
        let user = try request.requireUser()
        var posts: [Versioned<Post>] = []
        for blog in try Self.readableBlogs(request) { posts += try Self.publishedPosts(of: blog.id, limit: Self.feedSize, request) }
        posts.sort { ($0.document.published ?? "") > ($1.document.published ?? "") }
        let newest = Array(posts.prefix(Self.feedSize))
        return Self.atom(
            AtomFeed(
                id: "urn:cartable:blogs:\(user.schoolUAI.isEmpty ? "platform" : user.schoolUAI):\(user.id)",
                title: request.localized("feed.mine_title"),
                subtitle: nil, selfLink: "\(request.basePath)/feed.atom", alternateLink: "\(request.basePath)/",
                entries: Self.entries(
                    newest, linkBase: { "\(request.basePath)/blogs/\($0.document.blog)/posts/\($0.id)" }, request: request),
                fallbackUpdated: Clock.now(), externalImages: request.showsExternalImages))
    }
}
