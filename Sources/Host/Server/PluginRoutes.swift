// PluginRoutes: /apps/<id>/… — checks, then hands the request to the plugin through the ABI.
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Routes `/apps/<plugin-id>/<rest>` to the plugin's `handle`, after the host's checks:
/// the plugin exists, the route is declared, the body fits. Assets are served by the host.
struct PluginRoutes {
    let portal: Portal

    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]

    func register(on router: Router<BasicRequestContext>) {
        for method in Self.methods {
            for path in ["/apps/:plugin", "/apps/:plugin/**"] {
                router.on(RouterPath(path), method: method) { request, context in
                    try await handle(request, context: context)
                }
            }
        }
    }

    func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let language = Localizer.negotiate(acceptLanguage: request.headers[.acceptLanguage])
        let text = { (key: String, arguments: [String]) in portal.localizer.text(key, language, arguments[safe: 0] ?? "", arguments[safe: 1] ?? "", arguments[safe: 2] ?? "") }
        let id = context.parameters.get("plugin") ?? ""
        guard let plugin = portal.plugins.plugin(id: id) else {
            return .jsonError(text("error.plugin_not_found", [id]), status: .notFound)
        }
        let mount = "/apps/\(id)"
        var rest = request.uri.path.dropFirst(mount.count)
        if rest.isEmpty { rest = "/" }

        if rest.hasPrefix("/assets/"), request.method == .get || request.method == .head {
            return try await asset(rest.dropFirst("/assets/".count), of: plugin, text: text)
        }
        guard RouteTable(plugin.manifest.routes).allows(method: request.method.rawValue, path: rest) else {
            return .jsonError(text("error.route_not_found", [id, request.method.rawValue, String(rest)]), status: .notFound)
        }
        let limit = portal.configuration.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return .jsonError(text("error.body_too_large", [String(limit)]), status: .contentTooLarge)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return .jsonError(text("error.body_too_large", [String(limit)]), status: .contentTooLarge)
        }
        let call = PluginCall(
            method: request.method.rawValue, path: String(rest), query: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.canonicalName, $0.value) },
            body: Array(buffer: body), requestID: context.id, locale: language, basePath: mount)
        let reply = await portal.pool.run { plugin.handle(call) }
        return response(for: reply, plugin: plugin, language: language)
    }

    private func asset(_ path: Substring, of plugin: LoadedPlugin, text: (String, [String]) -> String) async throws -> Response {
        do {
            let file = try PluginAssets.resolve(path, in: plugin.bundle.assetsURL)
            return try await portal.pool.run { Result { try PluginAssets.response(for: file) } }.get()
        } catch PluginAssets.Failure.escapes {
            return .jsonError(text("error.asset_path", []), status: .badRequest)
        } catch {
            return .jsonError(text("error.asset_not_found", []), status: .notFound)
        }
    }

    private func response(for reply: PluginReply, plugin: LoadedPlugin, language: String) -> Response {
        let status = HTTPResponse.Status(code: reply.status)
        if let message = reply.errorMessage, reply.code < 0 {
            if reply.code == -5 { portal.logger.error("plugin \(plugin.id) \(plugin.version): \(message)") }
            return .jsonError(message, status: status)
        }
        var headers = HTTPFields()
        for header in reply.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        switch reply.kind {
        case .fragment:
            let page = PortalPage(localizer: portal.localizer).render(
                title: reply.title ?? plugin.manifest.name, fragment: String(decoding: reply.body, as: UTF8.self),
                language: language, apps: portal.apps, currentApp: plugin.id)
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        case .raw:
            if headers[.contentType] == nil, !reply.body.isEmpty { headers[.contentType] = "application/octet-stream" }
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
