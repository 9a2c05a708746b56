// AppRequestContext: the context of a request the /apps chain let through — the portal's context with its app, no longer optional.
import Hummingbird

/// Built from ``PortalRequestContext`` once its steps ran (identity, school, app, access), as
/// hummingbird-auth refines an authenticated context: a handler of this context cannot forget a step.
struct AppRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The portal's context the steps filled in (identity, tenant, CSRF token).
    let portal: PortalRequestContext
    let app: ResolvedApp

    init(context: PortalRequestContext) throws {
        guard let app = context.app else { throw HTTPError(.internalServerError, message: "the /apps chain did not resolve an app") }
        self.coreContext = context.coreContext
        self.portal = context
        self.app = app
    }
}
