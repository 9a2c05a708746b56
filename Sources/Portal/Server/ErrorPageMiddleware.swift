// ErrorPageMiddleware: a browser that meets an error gets a portal page in its language; API callers keep the plain answer.
import CartableText
import Foundation
import HostLocales
import HTTPTypes
import Hummingbird
import Logging

/// Turns an `HTTPError` thrown by a host route into a full portal page with a localized
/// explanation of its status (401, 403, 404, 400…) when the caller asks for HTML. The
/// error's own message, written for operators, goes to the log at debug level; API
/// callers (no `text/html` in `Accept`) keep Hummingbird's answer.
struct ErrorPageMiddleware: RouterMiddleware {
    let portal: Portal

    func handle(
        _ request: Request, context: PortalRequestContext, next: (Request, PortalRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            // A message written for the person (already in their language): shown on the page.
            guard request.headers[.accept]?.contains("text/html") == true else { return .jsonError(error.message, status: error.status) }
            let language = context.language(request)
            let code = error.status.code
            let key = [400, 401, 403, 404, 409, 413, 429].contains(code) ? "error.page.\(code)" : "error.page.other"
            let body =
                "<p>\(escapeHTML(error.message))</p><p><a href=\"/\">\(escapeHTML(portal.localizer.text("error.page.home", language)))</a></p>"
            return Response.html(
                await portal.page(
                    title: portal.localizer.text("\(key).title", language), fragment: body, language: language, context: context),
                status: error.status)
        } catch let error as HTTPError where request.headers[.accept]?.contains("text/html") == true {
            context.logger.debug("\(request.method) \(request.uri.path): \(error.status.code) \(error.body ?? "")")
            let language = context.language(request)
            let code = error.status.code
            let key = [400, 401, 403, 404, 409, 413, 429].contains(code) ? "error.page.\(code)" : "error.page.other"
            var body = "<p>\(escapeHTML(portal.localizer.text(key, language)))</p>"
            if code == 401 {
                body +=
                    "<p><a href=\"\(AuthRoutes.loginURL(returningTo: request.uri.path))\">\(escapeHTML(portal.localizer.text("auth.submit", language)))</a></p>"
            }
            body += "<p><a href=\"/\">\(escapeHTML(portal.localizer.text("error.page.home", language)))</a></p>"
            let title = portal.localizer.text("\(key).title", language)
            var response = Response.html(
                await portal.page(title: title, fragment: body, language: language, context: context), status: error.status)
            for header in error.headers { response.headers.append(header) }
            return response
        }
    }
}

/// An error whose message is written for the person who meets it, in their language (a
/// plugin's refusal, a tool's misconfigured sign-in): the error page shows it as it is.
package struct PageError: Error, Sendable {
    package let status: HTTPResponse.Status
    package let message: String

    package init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
