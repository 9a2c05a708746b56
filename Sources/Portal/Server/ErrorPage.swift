// ErrorPage: the portal page a browser gets for an error, in its language — for a refusal the person can read, or a status alone.
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

    /// The page for `status`; `message`, already in the reader's language, replaces the status's generic text.
    func response(
        _ status: HTTPResponse.Status, message: String? = nil, request: Request, context: PortalRequestContext
    ) async -> Response {
        let language = context.language(request)
        let code = status.code
        let key = [400, 401, 403, 404, 409, 413, 429].contains(code) ? "error.page.\(code)" : "error.page.other"
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
