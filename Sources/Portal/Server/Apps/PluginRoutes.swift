// PluginRoutes: /apps/<id>/… — checks, then hands the request to the plugin through the ABI.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostLocales
import HostStorage
import HTTPTypes
import Hummingbird
import Logging
import PluginRuntime

/// Routes `/apps/<plugin-id>/<rest>` to the plugin's `handle` through a chain of steps on the
/// `/apps` group, each one file: the session's identity (global), the school it acts in
/// (``SchoolScopeMiddleware``), the app serving that school (``AppResolutionMiddleware``), the
/// route's access (``RouteAccessMiddleware``); then, in an ``AppRequestContext``, the body's limit
/// and the call. Assets are served by the host.
struct PluginRoutes {
    let portal: Portal

    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]

    func register(on router: Router<PortalRequestContext>) {
        let apps = router.group("apps")
            .add(middleware: SchoolScopeMiddleware())
            .add(middleware: AppResolutionMiddleware(portal: portal))
            .add(middleware: RouteAccessMiddleware(portal: portal))
            .group(context: AppRequestContext.self)
        for method in Self.methods {
            for path in [":plugin", ":plugin/**"] {
                apps.on(RouterPath(path), method: method) { request, context in
                    try await handle(request, context: context)
                }
            }
        }
    }

    /// A request every step let through: its asset, or the plugin's answer.
    func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let app = context.app, plugin = app.plugin, portal = self.portal
        let language = context.portal.language(request), localizer = portal.localizer
        if app.isAsset(method: request.method.rawValue) {
            return try await asset(app.path.dropFirst("/assets/".count), of: plugin, language: language, request: request)
        }
        let identity = context.portal.identity
        if let identity, let school = identity.school {
            portal.visits.record(userID: identity.userID, schoolID: school.id, pluginID: plugin.id)
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
            method: request.method.rawValue, path: String(app.path), query: request.uri.query ?? "",
            headers: PluginCall.forwardedHeaders(request.headers),
            body: Array(buffer: body), requestID: context.portal.id, locale: language, basePath: app.mount,
            caller: identity.map(PluginCaller.init(identity:)), csrfToken: context.portal.csrfToken)
        let authority = context.portal.tenant?.school?.authorityID
        let reply = await portal.pool.run { plugin.handle(portal.withSchoolSettings(call, plugin: plugin, authority: authority)) }
        return try await response(for: reply, plugin: plugin, language: language, request: request, context: context.portal)
    }

    /// A refusal before the plugin runs: JSON for API callers; for browsers, thrown so the portal shows its error page.
    static func refusal(_ message: String, _ status: HTTPResponse.Status, _ request: Request) throws -> Response {
        if request.headers[.accept]?.contains("text/html") == true { throw PageError(status, message) }
        return .jsonError(message, status: status)
    }

    private func asset(_ path: Substring, of plugin: LoadedPlugin, language: String, request: Request) async throws -> Response {
        do {
            let file = try PluginAssets.resolve(path, in: plugin.bundle.assetsURL)
            return try await portal.pool.run { Result { try PluginAssets.response(for: file, request: request) } }.get()
        } catch PluginAssets.Failure.escapes {
            return .jsonError(portal.localizer.text("error.asset_path", language), status: .badRequest)
        } catch {
            return .jsonError(portal.localizer.text("error.asset_not_found", language), status: .notFound)
        }
    }

    /// The plugin's answer as an HTTP response; a fragment is wrapped in the portal page under
    /// `trail` (default: Home › the app), then the plugin's crumbs. `tagged`: a page anyone may
    /// read gets an entity tag, and a revalidation of the same bytes a 304.
    func response(
        for reply: PluginReply, plugin: LoadedPlugin, language: String, request: Request, context: PortalRequestContext,
        trail: [(String, String)]? = nil, tagged: Bool = false
    ) async throws -> Response {
        let status = HTTPResponse.Status(code: reply.status)
        if let message = reply.errorMessage, reply.code < 0 {
            if reply.code == -5 { portal.logger.error("plugin \(plugin.id) \(plugin.version): \(message)") }
            // A browser sees the plugin's message on the portal's error page.
            return try Self.refusal(message, status, request)
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
                title: reply.title ?? plugin.manifest.name, fragment: .trusted(String(decoding: reply.body, as: UTF8.self)),
                language: language, context: context, currentApp: plugin.id, breadcrumbs: trail, appContent: plugin.id)
            headers[.contentType] = "text/html; charset=utf-8"
            let body = ByteBuffer(string: page.markup)
            if tagged { return EntityTag.validated(request, status: status, headers: headers, body: body) }
            return Response(status: status, headers: headers, body: .init(byteBuffer: body))
        case .raw:
            if headers[.contentType] == nil, !reply.body.isEmpty { headers[.contentType] = "application/octet-stream" }
            headers[.contentSecurityPolicy] = plugin.manifest.rawContentSecurityPolicy ?? SecurityHeaders.pluginRawPolicy
            let body = ByteBuffer(bytes: reply.body)
            if tagged, headers[.eTag] == nil { return EntityTag.validated(request, status: status, headers: headers, body: body) }
            return Response(status: status, headers: headers, body: .init(byteBuffer: body))
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
