// HomeRoutes: the portal's home page (the school's apps, their cards and the caller's timeline) and marking timeline entries read.
import CartableText
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import PluginRuntime

/// `GET /`: the apps of the caller's school and, for a logged-in user in a school, the apps'
/// cards and their timeline (`?before=<id>` pages back, `?app=<id>` keeps one app's entries). `POST /timeline/read`: one entry (`event`) or all read.
struct HomeRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/") { request, context in
            let language = context.language(request)
            let shell = await portal.shellView(for: context, language: language)
            var body = PortalPage.launcher(
                shell.apps, heading: portal.localizer.text("portal.apps", language),
                empty: portal.localizer.text("portal.no_apps", language))
            if let identity = context.identity, let school = identity.school {
                // The apps' cards are asked while the timeline is read; neither waits for the other.
                async let cards = portal.homeCards(for: identity, apps: shell.apps, language: language)
                let before = request.uri.queryParameters.get("before").flatMap(Int64.init)
                let timeline = portal.timeline, enabled = Array(try portal.modules.modules(of: school.id).keys)
                // `?app=<id>` keeps one enabled app's entries; any other value shows them all.
                let filter = request.uri.queryParameters.get("app").map { String($0) }.flatMap { enabled.contains($0) ? $0 : nil }
                let plugins = filter.map { [$0] } ?? enabled
                let entries = try await portal.pool.run {
                    Result { try timeline.page(viewer: identity.shareViewer, schoolID: school.id, plugins: plugins, before: before) }
                }.get()
                body += WidgetsView(localizer: portal.localizer, language: language).render(await cards)
                body += TimelinePage(
                    localizer: portal.localizer, pluginLocales: portal.pluginLocales, language: language, csrf: context.csrfToken,
                    apps: shell.apps, filter: filter
                )
                .render(entries, unread: shell.unread)
            }
            return Response.html(portal.page(title: portal.localizer.text("portal.home", language), fragment: body, shell: shell))
        }
        router.post("/timeline/read") { request, context in
            guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
            // Without a school there is no timeline: nothing to mark.
            guard let school = identity.school else { return Response(status: .seeOther, headers: [.location: "/"]) }
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let event = form["event"].flatMap(Int64.init)
            let timeline = portal.timeline
            try await portal.pool.run { Result { try timeline.markRead(userID: identity.userID, schoolID: school.id, eventID: event) } }
                .get()
            return Response(status: .seeOther, headers: [.location: "/"])
        }
    }
}

extension Response {
    /// A UTF-8 HTML page.
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page.markup)))
    }

    /// A JSON error body `{"error": "..."}`.
    static func jsonError(_ message: String, status: HTTPResponse.Status) -> Response {
        let body = "{\"error\":\(jsonStringLiteral(message))}"
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
