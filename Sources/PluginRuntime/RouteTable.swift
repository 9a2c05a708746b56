// RouteTable: the routes a plugin's manifest declares, and who may reach each, checked before the plugin is called.
import CartableWire
import HostDomain

/// The declared routes of one plugin, matched as PluginKit matches its router (``RouteList``).
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

    private let routes: RouteList<Access>

    package init(_ routes: [PluginManifest.Route]) {
        self.routes = RouteList(routes.map { ($0.method, $0.path, $0.isPublic ? Access.everyone : .user(action: $0.action)) })
    }

    /// The most specific matching route decides; a manifest without routes lets every path
    /// reach the plugin, for logged-in users only.
    package func access(method: String, path: Substring) -> Access {
        guard !routes.isEmpty else { return .user(action: nil) }
        return routes.route(method: method, path: path)?.route.payload ?? .undeclared
    }
}
