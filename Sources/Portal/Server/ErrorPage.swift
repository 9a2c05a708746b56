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

    /// The answer to a refusal: the page for a browser, `{"error": "…"}` for an API caller;
    /// `message`, already in the reader's language, replaces the status's explanation.
    func answer(
        _ status: HTTPResponse.Status, message: String? = nil, request: Request, context: PortalRequestContext
    ) async -> Response {
        let language = context.language(request)
        let key = Self.key(of: status)
        let text = message ?? portal.localizer.text(key, language)
        guard Self.wantsHTML(request) else { return .jsonError(text, status: status) }
        var body = ConsoleHTML.paragraph(text)
        if status == .unauthorized, message == nil {
            body +=
                "<p>\(ConsoleHTML.link(AuthRoutes.loginURL(returningTo: request.uri.path), portal.localizer.text("auth.submit", language)))</p>"
        }
        body += "<p>\(ConsoleHTML.link("/", portal.localizer.text("error.page.home", language)))</p>"
        let title = portal.localizer.text("\(key).title", language)
        return Response.html(await portal.page(title: title, fragment: body, language: language, context: context), status: status)
    }
}
