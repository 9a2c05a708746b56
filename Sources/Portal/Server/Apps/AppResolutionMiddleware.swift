// AppResolutionMiddleware: the third step of /apps — the bundle that serves the tenant, or the same 404 as an app not installed.
import HostDomain
import HostLocales
import Hummingbird
import PluginRuntime

/// Sets ``PortalRequestContext/app``: the version the tenant's school chose (the newest when it
/// chose none), or, without a school, the newest if some school enabled it. A plugin the school
/// did not enable answers exactly like one not installed.
struct AppResolutionMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let portal: Portal

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = context.parameters.get("plugin") ?? ""
        let portal = self.portal, school = context.tenant?.school
        let found = try await portal.pool.run { Result { try portal.plugin(id: id, in: school) } }.get()
        guard let plugin = found else {
            let language = context.language(request)
            return try PluginRoutes.refusal(portal.localizer.text("error.plugin_not_found", language, id), .notFound, request)
        }
        let mount = "/apps/\(id)"
        var path = request.uri.path.dropFirst(mount.count)
        if path.isEmpty { path = "/" }
        var context = context
        context.app = ResolvedApp(plugin: plugin, mount: mount, path: path)
        return try await next(request, context)
    }
}
