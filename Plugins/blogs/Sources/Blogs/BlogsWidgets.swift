// BlogsWidgets: the blogs app's card on the home page — the newest published posts of the blogs the caller reads.
import Foundation
import PluginKit

extension BlogsPlugin: HomeWidgets {
    /// How many posts the card lists.
    static let widgetPosts = 4

    func homeCards(request: PluginRequest, maxCards: Int) throws -> [WidgetCard] {
        guard maxCards > 0 else { return [] }
        let kit = PageKit(request: request)
        let blogs = try Self.readableBlogs(request)
        let titles = Dictionary(blogs.map { ($0.id, $0.document.title) }, uniquingKeysWith: { first, _ in first })
        var posts: [Versioned<Post>] = []
        for blog in blogs { posts += try Self.publishedPosts(of: blog.id, limit: Self.widgetPosts, request) }
        posts.sort { ($0.document.published ?? "") > ($1.document.published ?? "") }
        let body: HTML
        if posts.isEmpty {
            body = kit.emptyState(blogs.isEmpty ? "widget.no_blog" : "widget.no_post")
        } else {
            let items = posts.prefix(Self.widgetPosts).map { post -> HTML in
                """
                <li><a href="\(kit.base)/blogs/\(post.document.blog)/posts/\(post.id)">\(post.document.title)</a> \
                <small>\(titles[post.document.blog] ?? "") · \(kit.time(post.document.published))</small></li>
                """
            }
            body = "<ul>\(items)</ul>"
        }
        return [
            WidgetCard(
                title: request.localized("widget.title"), html: body.markup, order: 20, link: "\(kit.base)/",
                linkLabel: request.localized("widget.all"))
        ]
    }
}
