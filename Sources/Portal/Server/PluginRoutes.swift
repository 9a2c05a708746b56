// PluginRoutes: /apps/<id>/… — checks, then hands the request to the plugin through the ABI.
import Foundation
import HostDomain
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import Logging
import PluginRuntime

/// Routes `/apps/<plugin-id>/<rest>` to the plugin's `handle`, after the host's checks:
/// the plugin is enabled for the caller's school (the version it chose serves), the route is declared, a logged-in user calls unless the route is
/// public, the body fits. Assets are served by the host.
struct PluginRoutes {
    let portal: Portal

    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]

    func register(on router: Router<PortalRequestContext>) {
        for method in Self.methods {
            for path in ["/apps/:plugin", "/apps/:plugin/**"] {
                router.on(RouterPath(path), method: method) { request, context in
                    try await handle(request, context: context)
                }
            }
        }
    }

    func handle(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let language = context.language(request)
        let localizer = portal.localizer
        let id = context.parameters.get("plugin") ?? ""
        // A plugin the caller's school did not enable answers exactly like one not installed.
        let portal = self.portal, identity = context.identity
        guard let plugin = try await portal.pool.run({ Result { try portal.plugin(id: id, for: identity) } }).get() else {
            return try refusal(localizer.text("error.plugin_not_found", language, id), .notFound, request)
        }
        let mount = "/apps/\(id)"
        var rest = request.uri.path.dropFirst(mount.count)
        if rest.isEmpty { rest = "/" }

        if rest.hasPrefix("/assets/"), request.method == .get || request.method == .head {
            return try await asset(rest.dropFirst("/assets/".count), of: plugin, language: language)
        }
        switch plugin.routes.access(method: request.method.rawValue, path: rest) {
        case .undeclared:
            let message = localizer.text("error.route_not_found", language, id, request.method.rawValue, String(rest))
            return try refusal(message, .notFound, request)
        case .user where context.identity == nil:
            // A browser opening a page is sent to log in and brought back; other callers get 401.
            if request.method == .get, request.headers[.accept]?.contains("text/html") == true {
                return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: request.uri.path)])
            }
            return .jsonError(localizer.text("error.login_required", language), status: .unauthorized)
        case .user(let action?) where context.identity?.actions.contains(action) != true:
            portal.logger.debug("\(id): \(request.method) \(rest) needs \(action)")
            return try refusal(localizer.text("error.action_denied", language, action), .forbidden, request)
        case .user, .everyone:
            break
        }
        if let identity, let school = identity.school {
            portal.visits.record(userID: identity.userID, schoolID: school.id, pluginID: id)
        }
        let limit = portal.configuration.maxBodyBytes
        let tooLarge = { Response.jsonError(localizer.text("error.body_too_large", language, String(limit)), status: .contentTooLarge) }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return tooLarge()
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return tooLarge()
        }
        let call = PluginCall(
            method: request.method.rawValue, path: String(rest), query: request.uri.query ?? "",
            headers: PluginCall.forwardedHeaders(request.headers),
            body: Array(buffer: body), requestID: context.id, locale: language, basePath: mount,
            caller: context.identity.map(PluginCaller.init(identity:)), csrfToken: context.csrfToken)
        let authority = identity?.school?.authorityID
        let reply = await portal.pool.run { plugin.handle(portal.withSchoolSettings(call, plugin: plugin, authority: authority)) }
        return try await response(for: reply, plugin: plugin, language: language, request: request, context: context)
    }

    /// A refusal before the plugin runs: JSON for API callers; for browsers, thrown so the portal shows its error page.
    func refusal(_ message: String, _ status: HTTPResponse.Status, _ request: Request) throws -> Response {
        if request.headers[.accept]?.contains("text/html") == true { throw PageError(status, message) }
        return .jsonError(message, status: status)
    }

    private func asset(_ path: Substring, of plugin: LoadedPlugin, language: String) async throws -> Response {
        do {
            let file = try PluginAssets.resolve(path, in: plugin.bundle.assetsURL)
            return try await portal.pool.run { Result { try PluginAssets.response(for: file) } }.get()
        } catch PluginAssets.Failure.escapes {
            return .jsonError(portal.localizer.text("error.asset_path", language), status: .badRequest)
        } catch {
            return .jsonError(portal.localizer.text("error.asset_not_found", language), status: .notFound)
        }
    }

    /// The plugin's answer as an HTTP response; a fragment is wrapped in the portal page under
    /// `trail` (default: Home › the app), then the plugin's crumbs.
    func response(
        for reply: PluginReply, plugin: LoadedPlugin, language: String, request: Request, context: PortalRequestContext,
        trail: [(String, String)]? = nil
    ) async throws -> Response {
        let status = HTTPResponse.Status(code: reply.status)
        if let message = reply.errorMessage, reply.code < 0 {
            if reply.code == -5 { portal.logger.error("plugin \(plugin.id) \(plugin.version): \(message)") }
            // A browser sees the plugin's message on the portal's error page.
            return try refusal(message, status, request)
        }
        var headers = HTTPFields()
        for header in reply.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        // The host decides what a plugin's answer may run: its manifest's policy, or the sandbox.
        headers[.contentSecurityPolicy] = nil
        switch reply.kind {
        case .fragment:
            // Home › the app › the plugin's own crumbs › the page's title.
            let head = trail ?? [(portal.localizer.text("portal.home", language), "/"), (plugin.manifest.name, "/apps/\(plugin.id)/")]
            let trail = head + reply.breadcrumbs
            let page = await portal.page(
                title: reply.title ?? plugin.manifest.name, fragment: String(decoding: reply.body, as: UTF8.self),
                language: language, context: context, currentApp: plugin.id, breadcrumbs: trail)
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        case .raw:
            if headers[.contentType] == nil, !reply.body.isEmpty { headers[.contentType] = "application/octet-stream" }
            headers[.contentSecurityPolicy] = plugin.manifest.rawContentSecurityPolicy ?? SecurityHeaders.pluginRawPolicy
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
    }
}

extension PluginCaller {
    /// The request context's view of a logged-in caller.
    init(identity: CallerIdentity) {
        self.init(
            userID: identity.userID, displayName: identity.displayName, profile: identity.profile.rawValue,
            schoolID: identity.school?.id, schoolUAI: identity.school?.uai ?? "", classIDs: identity.classes.map(\.id),
            childID: identity.childInView?.id ?? "", actions: identity.actions.sorted())
    }
}
