// RouteList: routes kept most specific first, and the one lookup that picks a request's route on both sides.
/// Method + pattern routes carrying a payload (the host: who may call it; PluginKit: the
/// handler). Kept in ``RouteSpecificity`` order whatever order they were added in, so the
/// host and PluginKit always pick the same route for a request.
public struct RouteList<Payload: Sendable>: Sendable {
    public struct Route: Sendable {
        public let method: String
        public let pattern: RoutePattern
        public let payload: Payload
    }

    public private(set) var routes: [Route] = []

    public init() {}

    public init(_ routes: [(method: String, path: String, payload: Payload)]) {
        self.routes = RouteSpecificity.sorted(
            routes.map { Route(method: $0.method, pattern: RoutePattern($0.path), payload: $0.payload) },
            path: \.pattern.path)
    }

    public var isEmpty: Bool { routes.isEmpty }

    public mutating func add(method: String, path: String, payload: Payload) {
        routes.append(Route(method: method, pattern: RoutePattern(path), payload: payload))
        routes = RouteSpecificity.sorted(routes, path: \.pattern.path)
    }

    /// The most specific route serving `method` on `path` (relative to the mount, without
    /// query) and the parameters it binds, or nil.
    public func route(method: String, path: Substring) -> (route: Route, parameters: [String: String])? {
        let parts = RoutePattern.parts(of: path)
        for route in routes where RoutePattern.method(route.method, serves: method) {
            if let parameters = route.pattern.match(parts: parts) { return (route, parameters) }
        }
        return nil
    }
}
