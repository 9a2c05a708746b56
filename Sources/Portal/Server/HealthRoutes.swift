// HealthRoutes: GET /healthz, naming the loaded and the refused plugins.
import HostDomain
import Hummingbird
import PluginRuntime

/// `GET /healthz`: 200 with the plugins' state, for probes and operators. Why a plugin was
/// refused (which may name files of the server) is shown to the platform's admins only;
/// everyone else learns which plugins were refused, not why.
struct HealthRoutes {
    let portal: Portal

    struct Health: ResponseEncodable {
        struct Plugin: Codable {
            let id: String
            let version: String
            let reason: String?
        }
        struct Plugins: Codable {
            let loaded: [Plugin]
            let refused: [Plugin]
        }
        let status: String
        let plugins: Plugins
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/healthz") { _, context in
            var operatorAsks = false
            if let identity = context.identity {
                operatorAsks = try await Console(portal: portal).run { [portal] in try portal.adminRights(userID: identity.userID) }
                    .isPlatformAdmin
            }
            return Health(
                status: "ok",
                plugins: .init(
                    loaded: portal.plugins.loaded.map { .init(id: $0.id, version: $0.version, reason: nil) },
                    refused: portal.plugins.refused.map { .init(id: $0.id, version: $0.version, reason: operatorAsks ? $0.reason : nil) }))
        }
    }
}
