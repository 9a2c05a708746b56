// BodyLimitMiddleware: a body past a route's limit gets 413 with a message, whether it came with a Content-Length or chunked.
import HostLocales
import Hummingbird
import NIOCore

/// `collect(upTo:)` throws NIO's `NIOTooManyBytesError` for a chunked body past the limit,
/// which would otherwise reach the client as an empty 413 or a 500.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let localizer: Localizer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error where error is NIOTooManyBytesError || (error as? HTTPError)?.status == .contentTooLarge {
            return .jsonError(localizer.text("error.body_too_large_plain", context.language(request)), status: .contentTooLarge)
        }
    }
}
