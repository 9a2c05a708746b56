// PublicHandlers: a public blog read without logging in under /pub/blogs/<slug> — its page, posts, cover and feed.
import Foundation
import PluginKit

extension BlogsPlugin {
    /// The public blog named in the path, if it is public and its authority allows public blogs; 404 otherwise.
    func publicAccess(_ request: PluginRequest) throws -> (BlogAccess, String) {
        let name = try request.parameter("name")
        let notFound = PluginError.notFound(request.localized("error.blog_not_found"))
        guard request.setting("public_blogs") != false, PublicNames.isValid(name) else { throw notFound }
        let found = try Collections.blogs(request).query(StoreQuery().where("slug", .eq, .string(name)).limit(5)).items
        guard let blog = found.first(where: { $0.document.isPublic && $0.document.slug == name }) else { throw notFound }
        return (BlogAccess(id: blog.id, blog: blog, right: nil), "\(request.basePath)/\(name)")
    }

    func publicBlog(_ request: PluginRequest) throws -> PluginResponse {
        let (access, path) = try publicAccess(request)
        let kit = PageKit(request: request), pages = BlogPages(kit: kit)
        let published = try Collections.posts(request).query(
            StoreQuery().where("blog", .eq, .string(access.id)).where("state", .eq, "published")
                .order(by: "published", descending: true).limit(Self.postsPerPage).after(request.query["after"]))
        var html = kit.stylesheet + pages.header(access.document, coverPath: "\(path)/cover")
        html += "<p class=\"actions\">\(kit.buttonLink("\(path)/feed.atom", "feed.blog"))</p>"
        html +=
            published.items.isEmpty
            ? kit.emptyState("blog.no_posts")
            : pages.summaries(published.items, blogPath: path, commentCounts: try Self.commentCounts(published.items.map(\.id), request))
        html += kit.pager(
            next: published.cursor.map { "\(path)?after=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" })
        return .html(html, title: access.document.title)
    }

    func publicPost(_ request: PluginRequest) throws -> PluginResponse {
        let (access, path) = try publicAccess(request)
        guard let post = try Collections.posts(request).get(try request.parameter("post")), post.document.blog == access.id,
            post.document.state == .published
        else { throw PluginError.notFound(request.localized("error.post_not_found")) }
        let pages = PostPages(kit: PageKit(request: request))
        let html =
            PageKit(request: request).stylesheet + pages.article(post)
            + pages.comments(try Self.comments(of: post.id, request), access: access, postPath: "\(path)/posts/\(post.id)", userID: nil)
        return .html(html, title: post.document.title, breadcrumbs: [(access.document.title, path)])
    }

    func publicCover(_ request: PluginRequest) throws -> PluginResponse {
        let (access, _) = try publicAccess(request)
        return try Self.coverResponse(access.id, request, cache: "public, max-age=3600")
    }

    func publicFeed(_ request: PluginRequest) throws -> PluginResponse {
        let (access, path) = try publicAccess(request)
        let posts = try Self.publishedPosts(of: access.id, limit: Self.feedSize, request)
        return Self.atom(
            AtomFeed(
                id: "urn:uuid:\(access.id)", title: access.document.title, subtitle: access.document.description,
                selfLink: "\(path)/feed.atom", alternateLink: path,
                entries: Self.entries(posts, linkBase: { "\(path)/posts/\($0.id)" }, request: request),
                fallbackUpdated: access.document.updated, externalImages: request.showsExternalImages))
    }
}
