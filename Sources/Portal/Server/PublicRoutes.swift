// PublicRoutes: /pub/<plugin>/<name>/… — pages a school published, served to anyone through the plugin's public routes.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import PluginRuntime

/// Serves GET and HEAD on `/pub/<plugin-id>/<name>[/<rest>]` (`cartable.public/1`): the
/// school holding `name` is found, the plugin must still be enabled there, and the plugin's
/// route `/pub/<name>[/<rest>]` must be declared public. The plugin is called as for an
/// anonymous visitor of that school, even when the visitor is logged in.
struct PublicRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            for path in ["/pub/:plugin/:name", "/pub/:plugin/:name/**"] {
                router.on(RouterPath(path), method: method) { request, context in
                    try await handle(request, context: context)
                }
            }
        }
    }

    func handle(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let language = context.language(request)
        let routes = PluginRoutes(portal: portal)
        let id = context.parameters.get("plugin") ?? "", name = context.parameters.get("name") ?? ""
        let portal = self.portal
        let notFound = { try PluginRoutes.refusal(portal.localizer.text("error.public_not_found", language), .notFound, request) }
        let found = try await portal.pool.run {
            Result { () throws -> (LoadedPlugin, Directory.School)? in
                guard isValidPublicName(name), let schoolID = try portal.publicNames.school(holding: name, plugin: id),
                    let school = try portal.directory.school(id: schoolID),
                    let plugin = try portal.plugin(id: id, schoolID: schoolID)
                else { return nil }
                return (plugin, school)
            }
        }.get()
        guard let (plugin, school) = found else { return try notFound() }
        let mount = "/pub/\(id)"
        // /pub/<id>/<name>/… reaches the plugin's route /pub/<name>/….
        let rest = "/pub" + request.uri.path.dropFirst(mount.count)
        guard case .everyone = plugin.routes.access(method: "GET", path: Substring(rest)) else { return try notFound() }
        let visitor = PluginCaller(userID: "", displayName: "", profile: "", schoolID: school.id, schoolUAI: school.uai)
        let call = PluginCall(
            method: request.method.rawValue, path: rest, query: request.uri.query ?? "",
            headers: PluginCall.forwardedHeaders(request.headers), requestID: context.id, locale: language,
            basePath: mount, caller: visitor)
        let reply = await portal.pool.run { plugin.handle(portal.withSchoolSettings(call, plugin: plugin, authority: school.authorityID)) }
        return try await routes.response(
            for: reply, plugin: plugin, language: language, request: request, context: context,
            trail: [(portal.localizer.text("portal.home", language), "/")], tagged: true)
    }
}
