// BlogPages: the HTML of the blog list, a blog's page, its settings form and its delete confirmation; all user text is escaped.
import Foundation
import PluginKit

struct BlogPages {
    let kit: PageKit
    var base: String { kit.base }

    /// The blogs the caller reads, with a button to create one when they may.
    func home(_ blogs: [Versioned<Blog>], canCreate: Bool) -> HTML {
        let create: HTML? = canCreate ? kit.buttonLink("\(base)/new", "action.new_blog", style: .primary) : nil
        let actions: HTML = "\(kit.stylesheet)<p class=\"actions\">\(create) \(kit.buttonLink("\(base)/feed.atom", "feed.mine"))</p>"
        guard !blogs.isEmpty else {
            return actions + kit.emptyState("home.empty", hint: canCreate ? "home.empty_hint_create" : "home.empty_hint_read")
        }
        let items = blogs.map { blog -> HTML in
            let description: HTML? =
                blog.document.description.isEmpty ? nil : "<p>\(String(blog.document.description.prefix(200)))</p>"
            return
                "<li class=\"card\"><h2 class=\"card-title\"><a href=\"\(base)/blogs/\(blog.id)\">\(blog.document.title)</a></h2>\(description)</li>"
        }
        return "\(actions)<ul class=\"blogs\">\(items)</ul>"
    }

    /// The create or settings form; `classes` offers a first share on creation.
    func form(
        _ blog: BlogAccess?, title: String, description: String, moderated: Bool, classes: [SchoolDirectory.SchoolClass], error: String?
    ) -> HTML {
        let action = blog.map { "\(base)/blogs/\($0.id)" } ?? "\(base)/blogs"
        var fields = kit.error(error)
        if let blog { fields += "<input type=\"hidden\" name=\"version\" value=\"\(blog.blog.version)\">" }
        let checked: HTML = moderated ? " checked" : ""
        fields += kit.textField(
            "title", label: "field.blog_title", value: String(title.prefix(Blog.maxTitle)), required: true, maxLength: Blog.maxTitle)
        fields += kit.textArea(
            "description", label: "field.description", value: String(description.prefix(Blog.maxDescription)), rows: 3,
            maxLength: Blog.maxDescription)
        fields += """
            <p><label for="cover">\(kit.t("field.cover"))</label><br><input id="cover" name="cover" type="file" accept="image/png,image/jpeg,image/gif,image/webp">\
             <small>\(kit.t("field.cover_help"))</small></p>\
            <p><input type="checkbox" id="moderated" name="moderated"\(checked)> \
            <label for="moderated">\(kit.t("field.moderated"))</label></p>
            """
        if blog == nil, !classes.isEmpty {
            let options = classes.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }
            let rights = ["read", "comment", "contrib"].map { right -> HTML in
                let selected: HTML = right == "comment" ? " selected" : ""
                return "<option value=\"\(right)\"\(selected)>\(kit.t("right.\(right)"))</option>"
            }
            fields += """
                <fieldset><legend>\(kit.t("field.class_share"))</legend>\
                <p><label for="class">\(kit.t("field.class"))</label> <select id="class" name="class">\
                <option value="">\(kit.t("field.class_none"))</option>\(options)</select></p>\
                <p><label for="student_right">\(kit.t("field.student_right"))</label> <select id="student_right" name="student_right">\
                \(rights)</select></p><p><small>\(kit.t("field.class_share_help"))</small></p></fieldset>
                """
        }
        let cancel = blog.map { "\(base)/blogs/\($0.id)" } ?? "\(base)/"
        fields += kit.actions(kit.submit(blog == nil ? "action.create" : "action.save"), kit.buttonLink(cancel, "action.cancel"))
        return kit.stylesheet + kit.form(action, multipart: true, fields)
    }

    /// The public switch of the settings page, for managers holding `blogs.public`.
    func publicForm(_ blog: BlogAccess, allowed: Bool, slug: String, error: String?) -> HTML {
        var html: HTML =
            "<section aria-labelledby=\"public-title\"><h2 id=\"public-title\">\(kit.t("public.title"))</h2>\(kit.error(error))"
        guard allowed else { return html + "<p>\(kit.t("public.forbidden_by_authority"))</p></section>" }
        if blog.document.isPublic, let slug = blog.document.slug {
            let address = "/pub/blogs/\(slug)"
            html += "<p>\(kit.t("public.is_public")) <a href=\"\(address)\">\(address)</a></p>"
            html += kit.button("\(base)/blogs/\(blog.id)/public", "public.make_private", hidden: [("public", "off")])
        } else {
            html += kit.form(
                "\(base)/blogs/\(blog.id)/public",
                """
                <input type="hidden" name="public" value="on"><p>\(kit.t("public.explain"))</p>\
                <p><label for="slug">\(kit.t("public.slug"))</label> <code>/pub/blogs/</code>\
                <input id="slug" name="slug" required maxlength="60" pattern="[a-z0-9]([a-z0-9-]*[a-z0-9])?" value="\(String(slug.prefix(60)))"> \
                <button type="submit">\(kit.t("public.make_public"))</button></p>
                """)
        }
        return html + "</section>"
    }

    /// A blog's page: its cover and description, what the caller may do, the posts waiting for them and the published posts.
    func blog(
        _ access: BlogAccess, published: QueryPage<Post>, mine: [Versioned<Post>], waiting: [Versioned<Post>], commentCounts: [String: Int]
    ) -> HTML {
        let blog = access.document
        let blogPath = "\(base)/blogs/\(access.id)"
        var html = kit.stylesheet + header(blog, coverPath: "\(blogPath)/cover")
        var actions: [HTML] = []
        if access.canContribute { actions.append(kit.buttonLink("\(blogPath)/posts/new", "action.new_post", style: .primary)) }
        if access.canManage {
            actions.append(kit.buttonLink("\(blogPath)/edit", "action.settings"))
            actions.append(kit.buttonLink("\(blogPath)/shares", "action.shares"))
        }
        actions.append(kit.buttonLink("\(blogPath)/feed.atom", "feed.blog"))
        if blog.isPublic, let slug = blog.slug { actions.append(kit.buttonLink("/pub/blogs/\(slug)", "public.link")) }
        html += "<p class=\"actions\">\(actions.joined(separator: " "))</p>"
        if !waiting.isEmpty {
            html += kit.card(kit.request.localized("blog.waiting"), list(waiting, blogPath: blogPath, showState: true))
        }
        if !mine.isEmpty {
            html += kit.card(kit.request.localized("blog.mine"), list(mine, blogPath: blogPath, showState: true))
        }
        let posts =
            published.items.isEmpty
            ? kit.emptyState("blog.no_posts", hint: access.canContribute ? "blog.no_posts_hint" : nil)
            : summaries(published.items, blogPath: blogPath, commentCounts: commentCounts)
        let older = published.cursor.map { cursor in
            "\(blogPath)?after=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor)"
        }
        return html + kit.card(kit.request.localized("blog.posts"), posts + kit.pager(next: older))
    }

    /// The cover, title and description of a blog.
    func header(_ blog: Blog, coverPath: String) -> HTML {
        let cover: HTML? = blog.coverVersion.map { "<img class=\"cover\" src=\"\(coverPath)?v=\($0)\" alt=\"\">" }
        let description: HTML? = blog.description.isEmpty ? nil : "<p class=\"description\">\(blog.description)</p>"
        return "<header class=\"blog-header\">\(cover)\(description)</header>"
    }

    /// Published posts with an excerpt, newest first.
    func summaries(_ posts: [Versioned<Post>], blogPath: String, commentCounts: [String: Int]) -> HTML {
        let items = posts.map { post -> HTML in
            let path = "\(blogPath)/posts/\(post.id)"
            let author = post.document.authorName.isEmpty ? kit.request.localized("post.former_member") : post.document.authorName
            var comments: HTML?
            if let count = commentCounts[post.id], count > 0 {
                comments = " · \(kit.plural("post.comments", count: count))"
            }
            return """
                <li><article><h3><a href="\(path)">\(post.document.title)</a></h3>\
                <p class="meta">\(kit.t("post.by", author)) · \(kit.time(post.document.published))\(comments)</p>\
                <p>\(Self.excerpt(post))</p></article></li>
                """
        }
        return "<ol class=\"posts\">\(items)</ol>"
    }

    /// Posts not published yet, with their state.
    func list(_ posts: [Versioned<Post>], blogPath: String, showState: Bool) -> HTML {
        let items = posts.map { post -> HTML in
            let state = post.document.state.rawValue
            return """
                <li><a href="\(blogPath)/posts/\(post.id)">\(post.document.title)</a> \
                <span class="state state-\(state)">\(kit.t("state.\(state)"))</span> \
                <small>\(kit.author(post.document.authorName)) · \(kit.time(post.document.updated))</small></li>
                """
        }
        return "<ul class=\"posts-pending\">\(items)</ul>"
    }

    /// The first 240 characters of a post's text, as the reader sees it (rendered and sanitized, without markup).
    static func excerpt(_ post: Versioned<Post>) -> String {
        let html = MarkdownRenderer.html(post.document.body, post: post.id, version: post.version)
        let text = HTMLSanitizer.decodeEntities(html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression))
        let plain = text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
        return plain.count > 240 ? String(plain.prefix(240)) + "…" : plain
    }

    /// Asks before deleting a blog and everything in it.
    func confirmDelete(_ access: BlogAccess, postCount: Int) -> HTML {
        let path = "\(base)/blogs/\(access.id)"
        let form = kit.form(
            "\(path)/delete",
            """
            <p><input type="checkbox" id="confirm" name="confirm" required> <label for="confirm">\(kit.t("delete.blog_confirm"))</label></p>\
            \(kit.actions(kit.submit("delete.blog_button", style: .danger), kit.buttonLink(path, "action.cancel")))
            """)
        return "<p>\(kit.t("delete.blog_explain", access.document.title, kit.pluralText("delete.blog_posts", count: postCount)))</p>\(form)"
    }
}
