// HomeRoutes: the portal's home page, listing the apps the caller's school enabled.
import CartableText
import GRDB
import Hummingbird

/// `GET /`: the portal page with the apps of the caller's school.
struct HomeRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/") { request, context in
            let language = Localizer.negotiate(acceptLanguage: request.headers[.acceptLanguage])
            let apps = try await portal.pool.run { [portal] in Result { try portal.apps(for: context.identity) } }.get()
            let list = apps.isEmpty
                ? "<p>\(escapeHTML(portal.localizer.text("portal.no_apps", language)))</p>"
                : "<ul class=\"apps\">" + apps.map { "<li><a href=\"/apps/\(escapeHTML($0.id))/\">\(escapeHTML($0.name))</a></li>" }.joined() + "</ul>"
            let html = portal.page(title: portal.localizer.text("portal.home", language), fragment: list, language: language, context: context)
            return Response.html(html)
        }
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
