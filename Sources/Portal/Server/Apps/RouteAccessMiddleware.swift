// RouteAccessMiddleware: the last check of /apps — the route is declared, and the caller is logged in and holds its action when it says so.
import HostDomain
import HostLocales
import Hummingbird
import Logging
import PluginRuntime

/// Refuses, before the plugin runs: an undeclared route (404), a user route without a session
/// (a browser opening a page is sent to log in and brought back; other callers get 401), a
/// route whose action the caller does not hold in their school (403). Assets pass: the host serves them.
struct RouteAccessMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let portal: Portal

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let app = context.app else { throw HTTPError(.internalServerError, message: "the app was not resolved before its access") }
        let method = request.method.rawValue
        if app.isAsset(method: method) { return try await next(request, context) }
        let localizer = portal.localizer, id = app.plugin.id
        // Negotiated only for a refusal: an allowed call reads the caller's language once, when it is made.
        var language: String { context.language(request) }
        switch app.plugin.routes.access(method: method, path: app.path) {
        case .undeclared:
            let message = localizer.text("error.route_not_found", language, id, method, String(app.path))
            return try PluginRoutes.refusal(message, .notFound, request)
        case .user where context.identity == nil:
            if request.method == .get, request.headers[.accept]?.contains("text/html") == true {
                return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: request.uri.path)])
            }
            return .jsonError(localizer.text("error.login_required", language), status: .unauthorized)
        case .user(let action?) where context.identity?.actions.contains(action) != true:
            portal.logger.debug("\(id): \(request.method) \(app.path) needs \(action)")
            return try PluginRoutes.refusal(localizer.text("error.action_denied", language, action), .forbidden, request)
        case .user, .everyone:
            return try await next(request, context)
        }
    }
}
