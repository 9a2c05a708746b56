// PostPages: the HTML of a post with its comments, the post editor and the delete confirmations; all user text is escaped.
import Foundation
import PluginKit

struct PostPages {
    let kit: PageKit

    /// A post for a logged-in reader: its sanitized body, the buttons its state and the caller's right allow, and its comments.
    func post(_ post: Versioned<Post>, in access: BlogAccess, comments: [Versioned<Comment>], userID: String, error: String?) -> HTML {
        let postPath = "\(kit.base)/blogs/\(access.id)/posts/\(post.id)"
        let document = post.document
        var html = kit.stylesheet + kit.error(error) + article(post)
        var actions: [HTML] = []
        if document.state != .published {
            html += "<p class=\"state state-\(document.state.rawValue)\">\(kit.t("state.\(document.state.rawValue)"))</p>"
            if document.state == .returned, let note = document.returnNote, !note.isEmpty {
                html += "<div class=\"return-note\" role=\"note\"><strong>\(kit.t("post.return_note"))</strong> \(note)</div>"
            }
        }
        if access.canEdit(document, userID) { actions.append(kit.buttonLink("\(postPath)/edit", "action.edit")) }
        if access.canManage, document.state != .published, document.state != .draft || document.author == userID {
            actions.append(kit.button("\(postPath)/publish", "action.publish"))
        }
        if !access.canManage, document.author == userID, document.state == .draft || document.state == .returned {
            actions.append(kit.button("\(postPath)/submit", "action.submit"))
        }
        if access.canDelete(document, userID) { actions.append(kit.buttonLink("\(postPath)/delete", "action.delete", style: .danger)) }
        if !actions.isEmpty { html += "<p class=\"actions\">\(actions.joined(separator: " "))</p>" }
        if access.canManage, document.state == .submitted {
            html += kit.form(
                "\(postPath)/return",
                """
                \(kit.textArea("note", label: "field.return_note", rows: 2, required: true, maxLength: 2000))\
                \(kit.actions(kit.submit("action.return")))
                """)
        }
        if document.state == .published { html += self.comments(comments, access: access, postPath: postPath, userID: userID) }
        return html
    }

    /// The post itself: title as heading is the page's; author, dates and body.
    func article(_ stored: Versioned<Post>) -> HTML {
        let post = stored.document
        var meta = kit.t("post.by", post.authorName.isEmpty ? kit.request.localized("post.former_member") : post.authorName)
        if let published = post.published { meta += " · \(kit.t("post.published_on")) \(kit.time(published))" }
        if let modified = post.modified { meta += " · \(kit.t("post.modified_on")) \(kit.time(modified))" }
        // The renderer's output went through the sanitizer: only the allowed elements and attributes remain.
        let body = HTML.trusted(
            MarkdownRenderer.html(post.body, post: stored.id, version: stored.version, externalImages: kit.request.showsExternalImages))
        return "<article class=\"post\"><p class=\"meta\">\(meta)</p><div class=\"post-body\">\(body)</div></article>"
    }

    /// Approved comments for everyone; waiting ones for managers (with approve) and their author; the form for commenters.
    func comments(_ comments: [Versioned<Comment>], access: BlogAccess, postPath: String, userID: String?) -> HTML {
        var html: HTML =
            "<section class=\"comments\" aria-labelledby=\"comments-title\"><h2 id=\"comments-title\">\(kit.t("comments.title"))</h2>"
        let visible = comments.filter { $0.document.approved || access.canManage || (userID != nil && $0.document.author == userID) }
        if visible.isEmpty { html += kit.emptyState("comments.none", hint: access.canComment ? "comments.none_hint" : nil) }
        html += "<ol class=\"comment-list\">"
        for comment in visible {
            let document = comment.document
            html += "<li id=\"comment-\(comment.id)\"><p class=\"meta\">\(kit.author(document.authorName)) · \(kit.time(document.created))"
            if !document.approved { html += " · <span class=\"state state-submitted\">\(kit.t("comments.waiting"))</span>" }
            let lines = document.body.split(separator: "\n", omittingEmptySubsequences: false).map { HTML(text: $0) }
            html += "</p><p class=\"comment-body\">\(lines.joined(separator: "<br>"))</p>"
            if userID != nil {
                if access.canManage, !document.approved {
                    html += kit.button("\(postPath)/comments/\(comment.id)/approve", "action.approve") + " "
                }
                if access.canManage || document.author == userID {
                    html += kit.button("\(postPath)/comments/\(comment.id)/delete", "action.delete_comment")
                }
            }
            html += "</li>"
        }
        html += "</ol>"
        if userID != nil, access.canComment {
            let moderated: HTML? =
                access.document.moderated && !access.canManage ? "<p><small>\(kit.t("comments.moderated"))</small></p>" : nil
            html += kit.form(
                "\(postPath)/comments",
                """
                <input type="hidden" name="comment_id" value="\(OnceID.make())">\
                \(kit.textArea("body", id: "comment", label: "field.comment", rows: 3, required: true, maxLength: Comment.maxBody))\
                \(moderated)\(kit.actions(kit.submit("action.comment")))
                """)
        }
        return html + "</section>"
    }

    /// The editor of a new (`postID` nil) or existing post; the buttons depend on the caller's right and the post's state.
    /// A new post's form carries the id the post will have (`draftID`), so sending it twice
    /// (a retry after an error, a double click) saves one post.
    func editor(
        _ access: BlogAccess, postID: String?, version: Int64?, state: Post.State?, title: String, body: String, error: String?,
        draftID: String? = nil
    ) -> HTML {
        let blogPath = "\(kit.base)/blogs/\(access.id)"
        let action = postID.map { "\(blogPath)/posts/\($0)" } ?? "\(blogPath)/posts"
        var fields = kit.error(error)
        if let version { fields += "<input type=\"hidden\" name=\"version\" value=\"\(version)\">" }
        if postID == nil { fields += "<input type=\"hidden\" name=\"draft_id\" value=\"\(draftID ?? OnceID.make())\">" }
        fields += kit.textField(
            "title", label: "field.post_title", value: String(title.prefix(Post.maxTitle)), required: true, maxLength: Post.maxTitle)
        fields += kit.textArea(
            "body", label: "field.body", value: String(body.prefix(Post.maxBody)), rows: 16, maxLength: Post.maxBody,
            hint: "field.body_help")
        var buttons: [HTML] = []
        if state == .published {
            buttons.append("<button type=\"submit\" name=\"intent\" value=\"save\">\(kit.t("action.save"))</button>")
        } else {
            buttons.append(
                "<button type=\"submit\" name=\"intent\" value=\"draft\" class=\"secondary\">\(kit.t("action.save_draft"))</button>")
            if access.canManage {
                buttons.append("<button type=\"submit\" name=\"intent\" value=\"publish\">\(kit.t("action.publish"))</button>")
            } else {
                buttons.append("<button type=\"submit\" name=\"intent\" value=\"submit\">\(kit.t("action.submit"))</button>")
            }
        }
        let back = postID.map { "\(blogPath)/posts/\($0)" } ?? blogPath
        fields += "<p class=\"form-actions\">\(buttons.joined(separator: " ")) \(kit.buttonLink(back, "action.cancel"))</p>"
        return kit.stylesheet + kit.form(action, fields)
    }

    /// Asks before deleting a post and its comments.
    func confirmDelete(_ post: Versioned<Post>, blogID: String) -> HTML {
        let path = "\(kit.base)/blogs/\(blogID)/posts/\(post.id)"
        let form = kit.form(
            "\(path)/delete",
            kit.actions(kit.submit("delete.post_button", style: .danger), kit.buttonLink(path, "action.cancel")))
        return "<p>\(kit.t("delete.post_explain", post.document.title))</p>\(form)"
    }
}
