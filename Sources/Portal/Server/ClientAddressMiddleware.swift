// ClientAddressMiddleware: sets the request's client address to the real client when the peer is a trusted reverse proxy.
import Hummingbird

/// First in the chain, so throttling, sessions and the audit log all see the same address.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let forwarded: ForwardedFor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !forwarded.trusted.isEmpty else { return try await next(request, context) }
        var context = context
        context.address = forwarded.client(peer: context.peerAddress, headers: request.headers)
        return try await next(request, context)
    }
}
