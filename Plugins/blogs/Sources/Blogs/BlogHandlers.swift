// BlogHandlers: the blog list, creating a blog, its page, its settings and cover, and deleting it.
import Foundation
import PluginKit

extension BlogsPlugin {
    static let postsPerPage = 10

    func home(_ request: PluginRequest) throws -> PluginResponse {
        let user = try request.requireUser()
        let blogs = try Self.readableBlogs(request).sorted { $0.document.updated > $1.document.updated }
        return .html(
            BlogPages(kit: PageKit(request: request)).home(blogs, canCreate: user.isGranted("blogs.create")),
            title: request.localized("title.home"))
    }

    /// Every blog of the school the caller reads.
    static func readableBlogs(_ request: PluginRequest) throws -> [Versioned<Blog>] {
        let blogs = try Collections.blogs(request)
        return try request.access.sharedWithMe(atLeast: .read).compactMap { resource in
            guard resource.hasPrefix("blog-") else { return nil }
            return try blogs.get(String(resource.dropFirst("blog-".count)))
        }
    }

    func newBlog(_ request: PluginRequest) throws -> PluginResponse {
        let classes = try request.directory.classes() ?? []
        return .html(
            BlogPages(kit: PageKit(request: request)).form(nil, title: "", description: "", moderated: false, classes: classes, error: nil),
            title: request.localized("title.new_blog"))
    }

    /// Creates a blog (action `blogs.create`, checked by the host): its creator manages it;
    /// a class chosen in the form reads it (its students with the chosen right, its parents reading).
    func createBlog(_ request: PluginRequest) throws -> PluginResponse {
        let user = try request.requireUser()
        let fields = request.fields
        let title = fields["title"] ?? "", description = fields["description"] ?? "", moderated = fields["moderated"] == "on"
        let classes = try request.directory.classes() ?? []
        let retry = { (error: String, status: Int32) in
            PluginResponse.html(
                BlogPages(kit: PageKit(request: request)).form(
                    nil, title: title, description: description, moderated: moderated, classes: classes, error: error),
                title: request.localized("title.new_blog"), status: status)
        }
        if let error = Blog.validate(title: title, description: description) { return retry(error, 400) }
        let cover: Cover?
        switch Self.uploadedCover(request) {
        case .failure(let key): return retry(key.rawValue, 400)
        case .success(let found): cover = found
        }
        let classID = fields["class"] ?? ""
        if !classID.isEmpty, !classes.contains(where: { $0.id == classID }) { return retry("error.not_your_class", 400) }
        let studentRight = BlogAccess.right(named: fields["student_right"] ?? "comment") ?? .comment
        guard studentRight.rawValue <= Access.Right.contrib.rawValue else { return retry("error.bad_right", 400) }

        let id = UUID().uuidString.lowercased(), now = Clock.now()
        let blog = Blog(
            owner: user.id, ownerName: user.displayName, title: title, description: description, created: now, updated: now,
            moderated: moderated, isPublic: false, slug: nil, coverVersion: cover == nil ? nil : 1)
        var operations = [try BatchOperation.put("blogs", id, blog, expecting: .new)]
        if let cover { operations.append(try .put("covers", id, cover)) }
        _ = try request.store.batch(operations)
        let access = try request.access
        try access.share(Blog.resource(id), with: .user(user.id), right: .manage)
        if !classID.isEmpty {
            for group in try request.directory.groups(ofClass: classID) ?? [] {
                switch group.profile {
                case "Student": try access.share(Blog.resource(id), with: .group(group.id), right: studentRight)
                case "Relative": try access.share(Blog.resource(id), with: .group(group.id), right: .read)
                default: break
                }
            }
        }
        return .redirect(to: "\(request.basePath)/blogs/\(id)")
    }

    enum CoverProblem: String, Error {
        case tooLarge = "error.cover_too_large"
        case notAnImage = "error.cover_not_image"
    }

    /// The cover uploaded with the form: nil when none was chosen.
    static func uploadedCover(_ request: PluginRequest) -> Result<Cover?, CoverProblem> {
        guard let part = request.multipart["cover"], part.filename?.isEmpty == false, !part.data.isEmpty else { return .success(nil) }
        guard part.data.count <= Cover.maxBytes else { return .failure(.tooLarge) }
        guard let type = Cover.sniff(part.data) else { return .failure(.notAnImage) }
        return .success(Cover(contentType: type, data: part.data.base64EncodedString()))
    }

    func blogPage(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        let user = try request.requireUser()
        let posts = try Collections.posts(request)
        let published = try posts.query(
            StoreQuery().where("blog", .eq, .string(access.id)).where("state", .eq, "published")
                .order(by: "published", descending: true).limit(Self.postsPerPage).after(request.query["after"]))
        var mine: [Versioned<Post>] = [], waiting: [Versioned<Post>] = []
        if access.canContribute {
            mine = try posts.all(StoreQuery().where("blog", .eq, .string(access.id)).where("author", .eq, .string(user.id)))
                .filter { $0.document.state != .published }.sorted { $0.document.updated > $1.document.updated }
        }
        if access.canManage {
            waiting = try posts.all(StoreQuery().where("blog", .eq, .string(access.id)).where("state", .eq, "submitted"))
                .filter { $0.document.author != user.id }.sorted { $0.document.updated < $1.document.updated }
        }
        let counts = try Self.commentCounts(published.items.map(\.id), request)
        let html = BlogPages(kit: PageKit(request: request)).blog(
            access, published: published, mine: mine, waiting: waiting, commentCounts: counts)
        return .html(html, title: access.document.title)
    }

    /// Approved comments per post.
    static func commentCounts(_ postIDs: [String], _ request: PluginRequest) throws -> [String: Int] {
        guard !postIDs.isEmpty else { return [:] }
        let comments = try Collections.comments(request)
        var counts: [String: Int] = [:]
        for id in postIDs {
            let page = try comments.query(StoreQuery().where("post", .eq, .string(id)).limit(1000))
            counts[id] = page.items.filter(\.document.approved).count
        }
        return counts
    }

    func editBlog(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        return try settingsPage(
            access, request, title: access.document.title, description: access.document.description,
            moderated: access.document.moderated, error: nil, publicError: nil, status: 200)
    }

    /// The settings form, the public switch for those who may use it, and the way to delete the blog.
    func settingsPage(
        _ access: BlogAccess, _ request: PluginRequest, title: String, description: String, moderated: Bool, error: String?,
        publicError: String?, status: Int32
    ) throws -> PluginResponse {
        let pages = BlogPages(kit: PageKit(request: request))
        var html = pages.form(access, title: title, description: description, moderated: moderated, classes: [], error: error)
        if try request.requireUser().isGranted("blogs.public") {
            html += pages.publicForm(
                access, allowed: request.setting("public_blogs") != false,
                slug: access.document.slug ?? Slug.make(access.document.title), error: publicError)
        }
        html +=
            "<p>"
            + PageKit(request: request).link("\(request.basePath)/blogs/\(access.id)/delete", "action.delete_blog", className: "danger")
            + "</p>"
        return .html(html, title: request.localized("title.settings"), breadcrumbs: Self.crumbs(access, request), status: status)
    }

    func updateBlog(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        let fields = request.fields
        let title = fields["title"] ?? "", description = fields["description"] ?? "", moderated = fields["moderated"] == "on"
        let retry = { (error: String, status: Int32) in
            try self.settingsPage(
                access, request, title: title, description: description, moderated: moderated, error: error, publicError: nil,
                status: status)
        }
        guard let version = fields["version"].flatMap(Int64.init), version > 0 else { return try retry("error.version_missing", 400) }
        if let error = Blog.validate(title: title, description: description) { return try retry(error, 400) }
        let cover: Cover?
        switch Self.uploadedCover(request) {
        case .failure(let key): return try retry(key.rawValue, 400)
        case .success(let found): cover = found
        }
        var blog = access.document
        blog.title = title
        blog.description = description
        blog.moderated = moderated
        blog.updated = Clock.now()
        if cover != nil { blog.coverVersion = (blog.coverVersion ?? 0) + 1 }
        var operations = [try BatchOperation.put("blogs", access.id, blog, expecting: .version(version))]
        if let cover { operations.append(try .put("covers", access.id, cover)) }
        do {
            _ = try request.store.batch(operations)
        } catch let error as PluginError where error.code == CARTABLE_E_CONFLICT {
            let current = try BlogAccess.load(access.id, request, minimum: .manage)
            return try settingsPage(
                current, request, title: title, description: description, moderated: moderated,
                error: "error.blog_conflict", publicError: nil, status: 409)
        }
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)")
    }

    /// Makes a blog public under a slug, or private again (action `blogs.public`, checked by the host; managers only).
    func setPublic(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        let fields = request.form
        var blog = access.document
        let names = try request.publicNames
        let page = { (error: String, status: Int32) in
            try self.settingsPage(
                access, request, title: blog.title, description: blog.description, moderated: blog.moderated,
                error: nil, publicError: error, status: status)
        }
        if fields["public"] == "on" {
            guard request.setting("public_blogs") != false else { return try page("public.forbidden_by_authority", 403) }
            let slug = fields["slug"] ?? ""
            guard slug.count <= 60, PublicNames.isValid(slug) else { return try page("error.slug_invalid", 400) }
            // The name is unique across schools (the host) and within the school (here).
            let sameName = try Collections.blogs(request).query(StoreQuery().where("slug", .eq, .string(slug)).limit(10)).items
            guard !sameName.contains(where: { $0.id != access.id && $0.document.isPublic }) else {
                return try page("error.slug_taken", 409)
            }
            guard try names.claim(slug) else { return try page("error.slug_taken", 409) }
            // Only a name the blog still holds (it is public) is released: a private blog's old slug may be another blog's now.
            if blog.isPublic, let old = blog.slug, old != slug { try names.release(old) }
            blog.isPublic = true
            blog.slug = slug
        } else {
            if blog.isPublic, let slug = blog.slug { try names.release(slug) }
            blog.isPublic = false
        }
        blog.updated = Clock.now()
        _ = try Collections.blogs(request).put(access.id, blog)
        return .redirect(to: "\(request.basePath)/blogs/\(access.id)/edit")
    }

    func cover(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request)
        return try Self.coverResponse(access.id, request, cache: "private, max-age=86400")
    }

    /// The cover's bytes, typed from their content, never sniffed or run by the browser.
    static func coverResponse(_ blogID: String, _ request: PluginRequest, cache: String) throws -> PluginResponse {
        guard let cover = try Collections.covers(request).get(blogID), let bytes = Data(base64Encoded: cover.document.data) else {
            throw PluginError.notFound(request.localized("error.no_cover"))
        }
        return PluginResponse(
            headers: [
                ("content-type", cover.document.contentType), ("x-content-type-options", "nosniff"),
                ("content-security-policy", "default-src 'none'; sandbox"), ("cache-control", cache),
            ], body: bytes)
    }

    func confirmDeleteBlog(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        let count = try Collections.posts(request).all(StoreQuery().where("blog", .eq, .string(access.id))).count
        return .html(
            BlogPages(kit: PageKit(request: request)).confirmDelete(access, postCount: count),
            title: request.localized("title.delete_blog"), breadcrumbs: Self.crumbs(access, request))
    }

    /// Deletes the blog, its posts, comments and cover, withdraws its shares and its public name.
    func deleteBlog(_ request: PluginRequest) throws -> PluginResponse {
        let access = try BlogAccess.load(try request.parameter("blog"), request, minimum: .manage)
        guard request.form["confirm"] == "on" else { throw PluginError.invalid(request.localized("error.confirm_required")) }
        let byBlog = StoreQuery().where("blog", .eq, .string(access.id))
        var operations = try Collections.comments(request).all(byBlog).map { BatchOperation.delete("comments", $0.id) }
        operations += try Collections.posts(request).all(byBlog).map { BatchOperation.delete("posts", $0.id) }
        if try Collections.covers(request).get(access.id) != nil { operations.append(.delete("covers", access.id)) }
        operations.append(.delete("blogs", access.id))
        for start in stride(from: 0, to: operations.count, by: 200) {
            _ = try request.store.batch(Array(operations[start..<min(start + 200, operations.count)]))
        }
        if access.document.isPublic, let slug = access.document.slug { try request.publicNames.release(slug) }
        let shares = try request.access
        for share in try shares.shares(of: access.resource) { try shares.revoke(access.resource, from: share.target) }
        return .redirect(to: "\(request.basePath)/")
    }
}
