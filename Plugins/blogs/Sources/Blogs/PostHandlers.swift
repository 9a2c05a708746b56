// PostHandlers: writing posts and moving them through the workflow — draft, submit, publish, send back, edit, delete.
import Foundation
import PluginKit

extension BlogsPlugin {
    func postPage(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let post = try access.post(try request.parameter("post"), request)
        return try postResponse(post, access, request, error: nil, status: 200)
    }

    func postResponse(
        _ post: Versioned<Post>, _ access: BlogAccess, _ request: PluginRequest, error: String?, status: Int32
    ) throws -> PluginResponse {
        let comments = try Self.comments(of: post.id, request)
        let html = PostPages(kit: PageKit(request: request)).post(
            post, in: access, comments: comments, userID: try request.requireUser().id, error: error)
        return .html(html, title: post.document.title, breadcrumbs: Self.crumbs(access, request), status: status)
    }

    /// A post's comments, oldest first.
    static func comments(of postID: String, _ request: PluginRequest) throws -> [Versioned<Comment>] {
        try Collections.comments(request).query(StoreQuery().where("post", .eq, .string(postID)).order(by: "created").limit(500)).items
    }

    func newPost(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .contrib)
        let html = PostPages(kit: PageKit(request: request)).editor(
            access, postID: nil, version: nil, state: nil, title: "", body: "", error: nil)
        return .html(html, title: request.localized("title.new_post"), breadcrumbs: Self.crumbs(access, request))
    }

    /// A new post: a draft, submitted to the managers, or (managers only) published at once.
    func createPost(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .contrib)
        let user = try request.requireUser()
        let form = request.form
        let title = form["title"] ?? "", body = form["body"] ?? "", intent = form["intent"] ?? "draft"
        let id = OnceID.from(form["draft_id"])
        if let error = Post.validate(title: title, body: body) {
            let html = PostPages(kit: PageKit(request: request)).editor(
                access, postID: nil, version: nil, state: nil, title: title, body: body, error: error,
                draftID: id)
            return .html(html, title: request.localized("title.new_post"), breadcrumbs: Self.crumbs(access, request), status: 400)
        }
        let state: Post.State
        switch intent {
        case "publish":
            guard access.canManage else { throw PluginError.denied(request.localized("error.right_manage")) }
            state = .published
        case "submit": state = access.canManage ? .published : .submitted
        default: state = .draft
        }
        let now = Clock.now()
        let post = Post(
            blog: access.id, title: title, body: body, author: user.id, authorName: user.displayName, state: state,
            created: now, updated: now, published: state == .published ? now : nil)
        let saved: Versioned<Post>
        do {
            saved = Versioned(id: id, version: try Collections.posts(request).put(id, post, expecting: .new), document: post)
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            // The same form again (a retry after an error, a double click): the post exists; its announcement is keyed, so telling again tells once.
            guard let existing = try Collections.posts(request).get(id), existing.document.author == user.id,
                existing.document.blog == access.id
            else { throw error }
            saved = existing
        }
        try Self.announce(saved, previous: nil, access, request)
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/posts/\(id)")
    }

    /// Tells whom a change of state concerns.
    static func announce(_ post: Versioned<Post>, previous: Post.State?, _ access: BlogAccess, _ request: PluginRequest) throws {
        guard post.document.state != previous else { return }
        switch post.document.state {
        case .submitted: try BlogEvents.submitted(post, access, request)
        case .published: try BlogEvents.published(post.id, post.document, access, request)
        case .returned: try BlogEvents.returned(post, access, request)
        case .draft: break
        }
    }

    func editPost(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let post = try access.post(try request.parameter("post"), request)
        guard access.canEdit(post.document, try request.requireUser().id) else {
            throw PluginError.denied(request.localized("error.cannot_edit"))
        }
        let html = PostPages(kit: PageKit(request: request)).editor(
            access, postID: post.id, version: post.version, state: post.document.state, title: post.document.title,
            body: post.document.body, error: nil)
        return .html(html, title: request.localized("title.edit_post"), breadcrumbs: Self.crumbs(access, request))
    }

    /// Saves an edit made from the version the form carries: if someone saved in between, the
    /// form comes back with this user's text, the newer version number and a conflict message.
    func updatePost(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let current = try access.post(try request.parameter("post"), request)
        let user = try request.requireUser()
        guard access.canEdit(current.document, user.id) else { throw PluginError.denied(request.localized("error.cannot_edit")) }
        let form = request.form
        let title = form["title"] ?? "", body = form["body"] ?? "", intent = form["intent"] ?? "draft"
        let editor = { (error: String, version: Int64, status: Int32) in
            PluginResponse.html(
                PostPages(kit: PageKit(request: request)).editor(
                    access, postID: current.id, version: version, state: current.document.state,
                    title: title, body: body, error: error),
                title: request.localized("title.edit_post"), breadcrumbs: Self.crumbs(access, request), status: status)
        }
        guard let version = form["version"].flatMap(Int64.init), version > 0 else {
            return editor("error.version_missing", current.version, 400)
        }
        if let error = Post.validate(title: title, body: body) { return editor(error, version, 400) }
        var post = current.document
        let now = Clock.now()
        post.title = title
        post.body = body
        post.updated = now
        switch (post.state, intent) {
        case (.published, _):
            post.modified = now
        case (_, "publish"):
            guard access.canManage else { throw PluginError.denied(request.localized("error.right_manage")) }
            post.state = .published
            post.published = post.published ?? now
        case (_, "submit"):
            post.state = access.canManage ? .published : .submitted
            if post.state == .published { post.published = post.published ?? now }
        default:
            // Saving as a draft: the author's post goes back to draft; a manager editing someone's submitted post leaves it submitted.
            if post.author == user.id { post.state = .draft }
        }
        do {
            let saved = try Collections.posts(request).put(current.id, post, expecting: .version(version))
            try Self.announce(Versioned(id: current.id, version: saved, document: post), previous: current.document.state, access, request)
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            return editor("error.conflict", current.version, 409)
        }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/posts/\(current.id)")
    }

    /// Moves a post to `state` (from the states in `from`), after `check`.
    func move(
        _ request: PluginRequest, to state: Post.State, from: Set<Post.State>,
        check: (BlogAccess, Versioned<Post>, PluginUser) throws -> Void, change: (inout Post) throws -> Void = { _ in }
    ) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let current = try access.post(try request.parameter("post"), request)
        let user = try request.requireUser()
        try check(access, current, user)
        guard from.contains(current.document.state) else {
            return try postResponse(current, access, request, error: "error.wrong_state", status: 409)
        }
        var post = current.document
        post.state = state
        post.updated = Clock.now()
        try change(&post)
        do {
            let version = try Collections.posts(request).put(current.id, post, expecting: .version(current.version))
            try Self.announce(
                Versioned(id: current.id, version: version, document: post), previous: current.document.state, access, request)
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            return try postResponse(current, access, request, error: "error.conflict_state", status: 409)
        }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/posts/\(current.id)")
    }

    func submitPost(_ request: PluginRequest) throws -> PluginResponse {
        try move(request, to: .submitted, from: [.draft, .returned]) { access, post, user in
            guard post.document.author == user.id, access.canContribute else {
                throw PluginError.denied(request.localized("error.right_contrib"))
            }
        }
    }

    func publishPost(_ request: PluginRequest) throws -> PluginResponse {
        try move(request, to: .published, from: [.draft, .submitted, .returned]) { access, _, _ in
            guard access.canManage else { throw PluginError.denied(request.localized("error.right_manage")) }
        } change: { post in
            post.published = post.published ?? Clock.now()
            post.returnNote = nil
        }
    }

    func returnPost(_ request: PluginRequest) throws -> PluginResponse {
        let note = (request.form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return try move(request, to: .returned, from: [.submitted]) { access, _, _ in
            guard access.canManage else { throw PluginError.denied(request.localized("error.right_manage")) }
            guard !note.isEmpty, note.count <= 2000 else { throw PluginError.invalid(request.localized("error.note_required")) }
        } change: { post in
            post.returnNote = note
        }
    }

    func confirmDeletePost(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let post = try access.post(try request.parameter("post"), request)
        guard access.canDelete(post.document, try request.requireUser().id) else {
            throw PluginError.denied(request.localized("error.cannot_edit"))
        }
        return .html(
            PostPages(kit: PageKit(request: request)).confirmDelete(post, blogID: access.id),
            title: request.localized("title.delete_post"), breadcrumbs: Self.crumbs(access, request))
    }

    /// Deletes a post and its comments at once.
    func deletePost(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let post = try access.post(try request.parameter("post"), request)
        guard access.canDelete(post.document, try request.requireUser().id) else {
            throw PluginError.denied(request.localized("error.cannot_edit"))
        }
        let comments = try Collections.comments(request).all(StoreQuery().where("post", .eq, .string(post.id)))
        _ = try request.store.batch(comments.map { .delete("comments", $0.id) } + [.delete("posts", post.id)])
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)")
    }
}
