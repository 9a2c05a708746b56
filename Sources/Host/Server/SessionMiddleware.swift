// SessionMiddleware: finds the caller's session from the session cookie.
import Hummingbird
import Logging

/// Reads `cartable_session`; a missing, expired or revoked session leaves the caller anonymous.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    static let cookie = "cartable_session"
    let sessions: SessionStore
    let pool: PluginCallPool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[Self.cookie]?.value, !token.isEmpty else {
            return try await next(request, context)
        }
        var context = context
        let sessions = self.sessions
        let found = await pool.run { Result { try sessions.find(token: token) } }
        do {
            context.session = try found.get()
        } catch {
            context.logger.error("session look-up failed: \(error)")
        }
        if context.session != nil { context.sessionToken = token }
        return try await next(request, context)
    }
}
