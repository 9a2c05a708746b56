// BlogsPlugin: class and school blogs — posts in Markdown with a publishing workflow, comments, public pages and Atom feeds.
import Foundation
import PluginKit

struct BlogsPlugin: Plugin {
    static let id = "blogs"
    static let name = "Blogs"
    static let version = "1.0.0"

    init(host: PluginHost) throws {
        _ = try host.store()
    }

    func routes(_ router: inout PluginRouter) {
        router.get("/", home)
        router.get("/feed.atom", myFeed)
        router.get("/new", newBlog)
        router.post("/blogs", createBlog)
        router.get("/blogs/:blog", blogPage)
        router.post("/blogs/:blog", updateBlog)
        router.get("/blogs/:blog/edit", editBlog)
        router.get("/blogs/:blog/cover", cover)
        router.get("/blogs/:blog/feed.atom", blogFeed)
        router.post("/blogs/:blog/public", setPublic)
        router.get("/blogs/:blog/shares", sharesPage)
        router.post("/blogs/:blog/shares", addShare)
        router.post("/blogs/:blog/shares/remove", removeShare)
        router.get("/blogs/:blog/delete", confirmDeleteBlog)
        router.post("/blogs/:blog/delete", deleteBlog)
        router.get("/blogs/:blog/posts/new", newPost)
        router.post("/blogs/:blog/posts", createPost)
        router.get("/blogs/:blog/posts/:post", postPage)
        router.post("/blogs/:blog/posts/:post", updatePost)
        router.get("/blogs/:blog/posts/:post/edit", editPost)
        router.post("/blogs/:blog/posts/:post/submit", submitPost)
        router.post("/blogs/:blog/posts/:post/publish", publishPost)
        router.post("/blogs/:blog/posts/:post/return", returnPost)
        router.get("/blogs/:blog/posts/:post/delete", confirmDeletePost)
        router.post("/blogs/:blog/posts/:post/delete", deletePost)
        router.post("/blogs/:blog/posts/:post/comments", addComment)
        router.post("/blogs/:blog/posts/:post/comments/:comment/approve", approveComment)
        router.post("/blogs/:blog/posts/:post/comments/:comment/delete", deleteComment)
        router.get("/pub/:name", publicBlog)
        router.get("/pub/:name/feed.atom", publicFeed)
        router.get("/pub/:name/cover", publicCover)
        router.get("/pub/:name/posts/:post", publicPost)
    }

    /// Crumbs from the app to a blog.
    static func crumbs(_ access: BlogAccess, _ request: PluginRequest) -> [(label: String, path: String)] {
        [(access.document.title, "\(request.basePath)/blogs/\(access.id)")]
    }
}
