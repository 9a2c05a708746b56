// PortalRequestContext: the request context of the portal — who is calling, their session and CSRF token.
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import NIOCore

/// Built for every request; ``SessionMiddleware`` and ``CSRFMiddleware`` fill it in.
package struct PortalRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The caller's address, for throttling, sessions and the audit log: the real client when
    /// the peer is a trusted proxy (``ClientAddressMiddleware``), else the peer.
    package var address: String
    /// The address of the connection's other end (the proxy, behind one).
    package let peerAddress: String
    /// The live session, if the caller is logged in.
    package var session: SessionStore.Session?
    /// Who the logged-in caller is: set together with ``session``.
    package var identity: CallerIdentity?
    /// The session cookie's token (to revoke or rotate it).
    package var sessionToken: String?
    /// The token every state-changing request must carry (the session's, or the anonymous cookie's).
    package var csrfToken = ""
    /// On `/apps`: the school the request acts in (``SchoolScopeMiddleware``).
    package var tenant: AppTenant?
    /// On `/apps`: the app that serves it (``AppResolutionMiddleware``).
    package var app: ResolvedApp?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        address = peerAddress
    }

    /// The language of what this request shows: the user's choice in their profile, else the
    /// browser's (`Accept-Language`), else French.
    package func language(_ request: Request) -> String {
        identity?.language ?? Localizer.negotiate(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The logged-in user's id, or 401.
    package func requireUser() throws -> String {
        guard let session else { throw HTTPError(.unauthorized, message: "log in first") }
        return session.userID
    }
}
