// RoutePattern: matches a request path against the routes a manifest declares.
import CartableText
import HostDomain

/// A declared route path: literal segments, `:name` for one segment, a final `*` for the rest.
package struct RoutePattern: Sendable {
    private enum Segment: Sendable, Equatable {
        case literal(Substring)
        case parameter
        case rest
    }

    private let segments: [Segment]

    package init(_ path: String) {
        segments = path.split(separator: "/").map { part in
            if part == "*" { return .rest }
            if part.hasPrefix(":") { return .parameter }
            return .literal(part)
        }
    }

    /// Whether `path` (relative to the mount, without query) matches.
    package func matches(_ path: Substring) -> Bool {
        let parts = path.split(separator: "/")
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                return true
            case .parameter:
                guard index < parts.count else { return false }
            case .literal(let text):
                guard index < parts.count, parts[index] == text else { return false }
            }
        }
        return parts.count == segments.count
    }
}

/// The declared routes of one plugin, checked by the host before the plugin is called.
package struct RouteTable: Sendable {
    /// Who may reach a request's route.
    package enum Access: Sendable, Equatable {
        /// No declared route matches: 404.
        case undeclared
        /// Logged-in users only (401 for anonymous callers), holding `action` when it is set (403 otherwise).
        case user(action: String?)
        /// Anyone, logged in or not.
        case everyone
    }

    private let routes: [(method: String, pattern: RoutePattern, isPublic: Bool, action: String?)]

    package init(_ routes: [PluginManifest.Route]) {
        self.routes = RouteSpecificity.sorted(routes, path: \.path).map { ($0.method, RoutePattern($0.path), $0.isPublic, $0.action) }
    }

    /// The most specific matching route decides (``RouteSpecificity``, as PluginKit picks the
    /// handler); a manifest without routes lets every path reach the plugin, for logged-in users only.
    package func access(method: String, path: Substring) -> Access {
        guard !routes.isEmpty else { return .user(action: nil) }
        guard let route = routes.first(where: { ($0.method == method || ($0.method == "GET" && method == "HEAD")) && $0.pattern.matches(path) }) else {
            return .undeclared
        }
        return route.isPublic ? .everyone : .user(action: route.action)
    }
}
