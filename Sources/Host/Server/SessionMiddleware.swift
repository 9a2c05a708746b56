// SessionMiddleware: finds the caller's session from the session cookie.
import GRDB
import Hummingbird
import Logging

/// Reads `cartable_session` and resolves the caller's identity; a missing, expired or revoked
/// session leaves the caller anonymous.
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
        let found = await pool.run {
            Result { () -> (SessionStore.Session, CallerIdentity)? in
                guard let session = try sessions.find(token: token),
                    let identity = try sessions.database.pool.read({ try CallerIdentity.load($0, session: session) })
                else { return nil }
                return (session, identity)
            }
        }
        do {
            if let (session, identity) = try found.get() {
                context.session = session
                context.identity = identity
                context.sessionToken = token
            }
        } catch {
            context.logger.error("session look-up failed: \(error)")
        }
        return try await next(request, context)
    }
}
