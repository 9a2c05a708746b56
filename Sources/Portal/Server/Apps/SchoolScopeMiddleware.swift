// SchoolScopeMiddleware: the second step of /apps — after the session's identity, the school the request acts in.
import HostDomain
import Hummingbird

/// Sets ``PortalRequestContext/tenant`` from the identity the session middleware resolved.
struct SchoolScopeMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.tenant = AppTenant(school: context.identity?.school)
        return try await next(request, context)
    }
}
