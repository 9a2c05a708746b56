// HomeRoutes: the portal's home page, listing the installed apps.
import CartableText
import GRDB
import Hummingbird

/// `GET /`: the portal page with its app list.
struct HomeRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/") { request, context in
            let language = Localizer.negotiate(acceptLanguage: request.headers[.acceptLanguage])
            let apps = portal.apps
            let account = try await accountLine(context: context, language: language)
            let list = account + (apps.isEmpty
                ? "<p>\(escapeHTML(portal.localizer.text("portal.no_apps", language)))</p>"
                : "<ul class=\"apps\">" + apps.map { "<li><a href=\"/apps/\(escapeHTML($0.id))/\">\(escapeHTML($0.name))</a></li>" }.joined() + "</ul>")
            let html = PortalPage(localizer: portal.localizer).render(
                title: portal.localizer.text("portal.home", language), fragment: list, language: language, apps: apps, currentApp: nil)
            return Response.html(html)
        }
    }
}

extension HomeRoutes {
    /// "Logged in: name" with the logout button, or the link to log in.
    func accountLine(context: PortalRequestContext, language: String) async throws -> String {
        let localizer = portal.localizer
        guard let session = context.session else {
            return "<p><a href=\"/auth/login\">\(escapeHTML(localizer.text("auth.submit", language)))</a></p>"
        }
        let database = portal.database
        let name = try await portal.pool.run {
            Result { try database.pool.read { db in try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [session.userID]) } }
        }.get() ?? ""
        return "<p>\(escapeHTML(localizer.text("auth.signed_in_as", language, name)))</p>"
            + AuthPages.logoutForm(csrf: context.csrfToken, label: localizer.text("auth.logout", language))
    }
}

extension Response {
    /// A UTF-8 HTML page.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON error body `{"error": "..."}`.
    static func jsonError(_ message: String, status: HTTPResponse.Status) -> Response {
        let body = "{\"error\":\(jsonStringLiteral(message))}"
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
