// CookieNames: the portal's cookie names, `__Host-` or `__Secure-` prefixed when served over https.
/// Over https the browser then refuses these cookies unless they are `Secure` (and, for
/// `__Host-`, set for the whole host with `Path=/` and no `Domain`), so a sibling subdomain
/// or a plain-http page cannot plant or overwrite them.
struct CookieNames: Sendable {
    let session: String
    let csrf: String
    /// Path-limited cookies of the upstream login (`/auth/upstream`): `__Secure-`, as `__Host-` needs `Path=/`.
    let upstreamPending: String
    let upstreamState: String

    init(secure: Bool) {
        let host = secure ? "__Host-" : "", path = secure ? "__Secure-" : ""
        session = host + "cartable_session"
        csrf = host + "cartable_csrf"
        upstreamPending = path + "cartable_upstream"
        upstreamState = path + "cartable_upstream_state"
    }
}

extension PortalConfiguration {
    var cookieNames: CookieNames { CookieNames(secure: secureCookies) }
}
