// SessionMiddleware: finds the caller's session from the session cookie.
import HostDomain
import Hummingbird
import Logging
import PluginRuntime

/// Reads `cartable_session` and resolves the caller's identity; a missing, expired or revoked
/// session leaves the caller anonymous.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    /// The session cookie's name (``CookieNames/session``).
    let cookie: String
    let sessions: SessionStore
    let cache: SessionCache
    let pool: BlockingWorkPool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[cookie]?.value, !token.isEmpty else {
            return try await next(request, context)
        }
        var context = context
        if let (session, identity) = cache.lookup(token: token) {
            context.session = session
            context.identity = identity
            context.sessionToken = token
            return try await next(request, context)
        }
        let sessions = self.sessions
        let found = await pool.run {
            Result { () -> (SessionStore.Session, CallerIdentity)? in
                let found = try sessions.resolve(token: token) { session, reader in
                    try CallerIdentity.load(reader, session: session).map { (session, $0) }
                }
                // Actions are computed once per session and school, and again after a grant changed.
                if let (_, identity) = found, let recomputed = identity.recomputedActions {
                    try sessions.saveActions(token: token, recomputed)
                }
                return found
            }
        }
        do {
            if let (session, identity) = try found.get() {
                context.session = session
                context.identity = identity
                context.sessionToken = token
                cache.store(token: token, session: session, identity: identity)
            }
        } catch {
            context.logger.error("session look-up failed: \(error)")
        }
        return try await next(request, context)
    }
}
