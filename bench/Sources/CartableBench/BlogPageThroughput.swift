// BlogPageThroughput: wrk on a logged-in blog post page (2 KB of Markdown, 5 comments) against a bare route serving the same bytes.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime
import Portal
import Synchronization

/// Requests per second of the blogs plugin's post page for a logged-in teacher — session,
/// identity, the plugin's reads (blog, right, post, comments), Markdown rendering and
/// sanitizing, the portal shell — and of a bare route answering the page's bytes, in the
/// same process; three rotated rounds, medians.
struct BlogPageThroughput {
    let throughput: HTTPThroughput

    /// `label` names the engine in the figures (empty: the bench's first portal); returns the
    /// post page's and its bare route's medians. The home page (timeline, widgets) is measured beside it.
    @discardableResult
    func measure(portal: Portal, label: String = "", into report: inout BenchReport) async throws -> (page: Double, bare: Double) {
        let (token, csrf) = try HTTPThroughput.demoSession(portal)
        let path = try Self.seedPost(portal)
        // Each page as the teacher sees it, served again by a bare route of the same server as its baseline.
        let router = PortalApplication.router(portal: portal)
        let barePost = Mutex(ByteBuffer()), bareHome = Mutex(ByteBuffer())
        router.get("/bench/blog-bare") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: barePost.withLock { $0 }))
        }
        router.get("/bench/home-bare") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: bareHome.withLock { $0 }))
        }
        let (server, task) = try await HTTPThroughput.serve(router)
        defer { task.cancel() }
        let cookie = "cartable_session=\(token)"
        let page = try await Self.fetch("http://127.0.0.1:\(server)\(path)", cookie: cookie)
        guard page.contains("Une journée au musée"), page.contains("Commentaire 5") else {
            throw BenchFailure("the post page did not render: \(page.prefix(300))")
        }
        let home = try await Self.fetch("http://127.0.0.1:\(server)/", cookie: cookie)
        guard home.contains("Une journée au musée") else { throw BenchFailure("the home page shows no timeline: \(home.prefix(300))") }
        barePost.withLock { $0 = ByteBuffer(string: page) }
        bareHome.withLock { $0 = ByteBuffer(string: home) }
        let script = try HTTPThroughput.pageScript("blog-page", cookie: "cartable_session=\(token); cartable_csrf=\(csrf)")
        let base = "http://127.0.0.1:\(server)"
        let targets = [
            ("bare route serving the same post page", "\(base)/bench/blog-bare"), ("blog post page, logged in", "\(base)\(path)"),
            ("bare route serving the same home page", "\(base)/bench/home-bare"), ("home page, logged in", "\(base)/"),
        ]
        let rates = try await throughput.rounds(targets, script: script)
        let on = label.isEmpty ? "" : " (\(label))"
        func figures(_ page: String, _ bare: String, _ title: String, bytes: Int) -> Double {
            guard let page = rates[page], let bare = rates[bare] else { return 0 }
            report.add("\(title), logged in\(on), median req/s", page.median, "req/s", spread: page.spread)
            report.add("\(title), logged in\(on), p99 at \(throughput.connections) connections", page.p99, "ms", goal: .below(20))
            report.add("Bare route serving the same \(bytes / 1024) KB page\(on), median req/s", bare.median, "req/s", spread: bare.spread)
            report.add("\(title) / bare route\(on)", page.median / bare.median, "ratio", goal: .atLeast(0.25))
            return page.median
        }
        let post = figures(targets[1].0, targets[0].0, "Blog post page (2 KB Markdown, 5 comments)", bytes: page.utf8.count)
        _ = figures(targets[3].0, targets[2].0, "Home page (timeline, widgets)", bytes: home.utf8.count)
        return (post, rates[targets[0].0]?.median ?? 0)
    }

    /// A class blog of Paul Durand's first school with one published post of 2 KB of Markdown and 5 comments; returns the post's path.
    static func seedPost(_ portal: Portal) throws -> String {
        let directory = Directory(database: portal.database)
        guard let paul = try directory.userID(login: "paul.durand"), let school = try directory.schools(ofUser: paul).first else {
            throw BenchFailure("the demo seed has no paul.durand")
        }
        let (classes, actions) = try portal.database.read { db in
            (
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT uc.class_id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id = ?",
                    arguments: [paul, school.id]),
                try GrantedActions.compute(db, userID: paul, profile: Profile.teacher.rawValue, schoolID: school.id)
            )
        }
        guard let blogs = try portal.plugin(id: "blogs", schoolID: school.id) else {
            throw BenchFailure("the blogs plugin is not in the bench plugins")
        }
        let caller = PluginCaller(
            userID: paul, displayName: "Paul Durand", profile: "Teacher", schoolID: school.id, schoolUAI: school.uai,
            classIDs: classes, actions: actions.sorted())
        func post(_ path: String, _ fields: [(String, String)]) throws -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
            let reply = blogs.handle(
                PluginCall(
                    method: "POST", path: path, headers: [("content-type", "application/x-www-form-urlencoded")], body: Array(body.utf8),
                    requestID: UUID().uuidString, basePath: "/apps/blogs", caller: caller))
            guard reply.status == 303, let location = reply.headers.first(where: { $0.name == "location" })?.value else {
                throw BenchFailure(
                    "POST \(path) answered \(reply.status): \(reply.errorMessage ?? String(decoding: reply.body, as: UTF8.self))")
            }
            return location
        }
        let blog = try post("/blogs", [("title", "Blog de la classe"), ("description", "Sorties et projets.")])
        let blogPath = String(blog.dropFirst("/apps/blogs".count))
        let paragraph = "Nous avons découvert le **pendule de Foucault**, les premières *machines à calculer* et l'avion de Clément Ader. "
        var markdown = "## Une journée au musée\n\n"
        while markdown.utf8.count < 2048 {
            markdown += paragraph + "\n\n- une [visite guidée](https://www.arts-et-metiers.net/) ;\n- un atelier.\n\n"
        }
        let postPath = try post("\(blogPath)/posts", [("title", "Une journée au musée"), ("body", markdown), ("intent", "publish")])
        for index in 1...5 {
            _ = try post(
                "\(postPath.dropFirst("/apps/blogs".count))/comments",
                [("body", "Commentaire \(index) : merci pour cette sortie, c'était passionnant !")])
        }
        return postPath
    }

    /// One GET with a cookie (the page the bare route then serves).
    static func fetch(_ url: String, cookie: String) async throws -> String {
        guard let address = URL(string: url) else { throw BenchFailure("bad URL \(url)") }
        var request = URLRequest(url: address)
        request.setValue("text/html", forHTTPHeaderField: "Accept")
        request.setValue(cookie, forHTTPHeaderField: "Cookie")
        let (data, _) = try await cookieless.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }

    /// A client that sends only the cookie it is given: a shared session would add (and prefer)
    /// the cookies other answers of 127.0.0.1 set, whatever their port.
    nonisolated(unsafe) static let cookieless: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration)
    }()
}
