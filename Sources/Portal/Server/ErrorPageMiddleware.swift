// ErrorPageMiddleware: a browser that meets an error gets a portal page in its language; API callers keep the plain answer.
import Foundation
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
            guard ErrorPage.wantsHTML(request) else { return .jsonError(error.message, status: error.status) }
            return await ErrorPage(portal: portal).response(error.status, message: error.message, request: request, context: context)
        } catch let error as HTTPError where ErrorPage.wantsHTML(request) {
            context.logger.debug("\(request.method) \(request.uri.path): \(error.status.code) \(error.body ?? "")")
            var response = await ErrorPage(portal: portal).response(error.status, request: request, context: context)
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
