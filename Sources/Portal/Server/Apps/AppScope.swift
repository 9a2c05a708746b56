// AppScope: what the /apps chain learns about a request, step by step — the school it acts in, then the app that serves it.
import HostDomain
import PluginRuntime

/// The school a request to an app acts in: the caller's current school, or none (a visitor,
/// or a user attached to no school), in which case the app must be enabled somewhere.
package struct AppTenant: Sendable {
    package let school: Directory.School?
}

/// The app a request reaches: the bundle serving the tenant, where it is mounted and the path within it.
package struct ResolvedApp: Sendable {
    package let plugin: LoadedPlugin
    /// `/apps/<id>`.
    package let mount: String
    /// The path the plugin sees (`/` for the mount itself).
    package let path: Substring

    /// Whether the request asks for one of the bundle's assets, which the host serves.
    func isAsset(method: String) -> Bool {
        path.hasPrefix("/assets/") && (method == "GET" || method == "HEAD")
    }
}
