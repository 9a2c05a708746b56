// ErrorPage: what a caller meets for an error, in its language — the portal page for a browser, one JSON shape for an API caller.
import CartableText
import HostLocales
import HTTPTypes
import Hummingbird

/// Renders errors as full portal pages: the title and text of the status (401, 403, 404, 400…),
/// the person's own message when there is one, a way back home (and to log in, for a 401).
struct ErrorPage: Sendable {
    let portal: Portal

    /// Whether the caller reads HTML: browsers do, API callers keep the JSON answer.
    static func wantsHTML(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/html") == true
    }

    /// The locale key of a status's explanation (`error.page.403`), `error.page.other` for the rare ones.
    static func key(of status: HTTPResponse.Status) -> String {
        [400, 401, 403, 404, 409, 413, 429].contains(status.code) ? "error.page.\(status.code)" : "error.page.other"
    }

    /// The answer an API caller gets: `{"error": "…"}` with `message`, or the status's explanation, in the reader's language.
    func json(_ status: HTTPResponse.Status, message: String? = nil, request: Request, context: PortalRequestContext) -> Response {
        .jsonError(message ?? portal.localizer.text(Self.key(of: status), context.language(request)), status: status)
    }

    /// The page for `status`; `message`, already in the reader's language, replaces the status's generic text.
    func response(
        _ status: HTTPResponse.Status, message: String? = nil, request: Request, context: PortalRequestContext
    ) async -> Response {
        let language = context.language(request)
        let code = status.code
        let key = Self.key(of: status)
        var body = "<p>\(escapeHTML(message ?? portal.localizer.text(key, language)))</p>"
        if code == 401, message == nil {
            body +=
                "<p><a href=\"\(AuthRoutes.loginURL(returningTo: request.uri.path))\">\(escapeHTML(portal.localizer.text("auth.submit", language)))</a></p>"
        }
        body += "<p><a href=\"/\">\(escapeHTML(portal.localizer.text("error.page.home", language)))</a></p>"
        let title = portal.localizer.text("\(key).title", language)
        return Response.html(await portal.page(title: title, fragment: body, language: language, context: context), status: status)
    }
}
