// AdminFunctionRoutes: naming and removing the admins of an authority or a school, the same two routes for both.
import HostDomain
import Hummingbird

/// `POST <base>/:id/admins` (field `login`) and `POST <base>/:id/admins/:user/remove`.
/// `authorize` answers 401/403 for callers who may not name admins of the scope `:id`;
/// `refused` renders the page again with the reason when the change is refused.
struct AdminFunctionRoutes {
    let portal: Portal
    let base: String
    let function: AdminFunctions.Function
    let authorize: @Sendable (Request, PortalRequestContext) async throws -> Console.Caller
    let refused: @Sendable (PortalRequestContext, Console.Caller, AccessRefusal) async throws -> Response

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal), functions = portal.adminFunctions
        let function = function, base = base, authorize = authorize, refused = refused, cache = portal.sessionCache
        router.post(RouterPath("\(base)/:id/admins")) { request, context in
            let caller = try await authorize(request, context)
            let scope = context.parameters.get("id") ?? "", login = try await console.form(request)["login"] ?? ""
            if let refusal = try await console.attempt({
                try functions.grant(function, scopeID: scope, login: login, by: caller.identity.userID)
            }) {
                return try await refused(context, caller, refusal)
            }
            cache.forgetAll()
            return console.redirect(base)
        }
        router.post(RouterPath("\(base)/:id/admins/:user/remove")) { request, context in
            let caller = try await authorize(request, context)
            let scope = context.parameters.get("id") ?? "", user = context.parameters.get("user") ?? ""
            if let refusal = try await console.attempt({
                try functions.revoke(function, scopeID: scope, userID: user, by: caller.identity.userID)
            }) {
                return try await refused(context, caller, refusal)
            }
            cache.forgetAll()
            return console.redirect(base)
        }
    }
}
