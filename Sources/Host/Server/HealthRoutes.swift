// HealthRoutes: GET /healthz, naming the loaded and the refused plugins.
import Hummingbird

/// `GET /healthz`: 200 with the plugins' state, for probes and operators.
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
        router.get("/healthz") { _, _ in
            Health(
                status: "ok",
                plugins: .init(
                    loaded: portal.plugins.loaded.map { .init(id: $0.id, version: $0.version, reason: nil) },
                    refused: portal.plugins.refused.map { .init(id: $0.id, version: $0.version, reason: $0.reason) }))
        }
    }
}
