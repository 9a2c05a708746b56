// ErrorPageMiddleware: a browser that meets an error gets a portal page in its language; API callers keep the plain answer.
import Foundation
import HostDomain
import HTTPTypes
import Hummingbird
import Logging

/// Turns an `HTTPError` thrown by a host route into a full portal page with a localized
/// explanation of its status (401, 403, 404, 400…) when the caller asks for HTML, and into
/// the one JSON shape `{"error": "…"}`, in the caller's language, otherwise. The error's own
/// message, written for operators, goes to the log at debug level. A `PageError` carries a
/// message for the person and is shown as it is; so does a domain refusal (``AccessRefusal``) a
/// route let through, as a 400 in the reader's language.
struct ErrorPageMiddleware: RouterMiddleware {
    let portal: Portal

    func handle(
        _ request: Request, context: PortalRequestContext, next: (Request, PortalRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            // A message written for the person (already in their language): shown as it is.
            return await ErrorPage(portal: portal).answer(error.status, message: error.message, request: request, context: context)
        } catch let refusal as AccessRefusal {
            // A rule of the domain refused what was asked: the person reads why, in their language.
            let message = refusal.text(context.language(request))
            return await ErrorPage(portal: portal).answer(.badRequest, message: message, request: request, context: context)
        } catch let error as HTTPError {
            // A message written for operators: logged; the caller reads the status's explanation in their language.
            context.logger.debug("\(request.method) \(request.uri.path): \(error.status.code) \(error.body ?? "")")
            var response = await ErrorPage(portal: portal).answer(error.status, request: request, context: context)
            for header in error.headers { response.headers.append(header) }
            return response
        }
    }
}

/// An error whose message is written for the person who meets it, in their language (a
/// plugin's refusal, a tool's misconfigured sign-in): the error page shows it as it is.
package struct PageError: HTTPResponseError, Sendable {
    package let status: HTTPResponse.Status
    package let message: String

    package init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// Outside the error page middleware (a middleware before it), the same JSON shape.
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        .jsonError(message, status: status)
    }
}
