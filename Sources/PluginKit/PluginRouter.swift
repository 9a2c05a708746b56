// PluginRouter: a plugin's routes (method + path pattern) and their handlers.
import CartableWire
import Foundation

/// A handler: synchronous, may block on the store, may run on several threads at once.
public typealias PluginHandler = @Sendable (PluginRequest) throws -> PluginResponse

/// The routes of a plugin. Patterns are relative to the mount point and use `:name` for a
/// segment and a final `*` for the rest: `/notes/:id`, `/files/*`. The manifest must
/// declare the same routes: the host checks them before calling the plugin. When several
/// match, the most specific wins (`/notes/new` before `/notes/:id`), whatever the order
/// they were registered in: the host applies the same rule to the manifest.
public struct PluginRouter: Sendable {
    private(set) var routes = RouteList<PluginHandler>()

    public init() {}

    public mutating func on(_ method: String, _ path: String, _ handler: @escaping PluginHandler) {
        routes.add(method: method, path: path, payload: handler)
    }

    public mutating func get(_ path: String, _ handler: @escaping PluginHandler) { on("GET", path, handler) }
    public mutating func post(_ path: String, _ handler: @escaping PluginHandler) { on("POST", path, handler) }
    public mutating func put(_ path: String, _ handler: @escaping PluginHandler) { on("PUT", path, handler) }
    public mutating func patch(_ path: String, _ handler: @escaping PluginHandler) { on("PATCH", path, handler) }
    public mutating func delete(_ path: String, _ handler: @escaping PluginHandler) { on("DELETE", path, handler) }

    /// The handler for a request and the route parameters it binds.
    func match(method: String, path: String) -> (PluginHandler, [String: String])? {
        routes.route(method: method, path: Substring(path)).map { ($0.route.payload, $0.parameters) }
    }
}
