// ManifestRouteCheck: a Swift plugin refuses to start when its router and its manifest list different routes.
import CartableWire
import Foundation

/// The host checks who may call a route on the manifest's list, PluginKit picks the
/// handler from the router: both must be the same list, so a route is declared once in
/// each and a forgotten one fails at load, not in front of a pupil.
enum ManifestRouteCheck {
    private struct Manifest: Decodable { let routes: [DeclaredRoute]? }

    /// Throws a 400-coded error naming every route only one side has.
    static func check(_ router: PluginRouter, bundle: URL) throws {
        let file = bundle.appendingPathComponent("manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: file))
        } catch {
            throw PluginError.invalid("\(file.path) could not be read to check the plugin's routes: \(error)")
        }
        let handled = router.routes.routes.map { (method: $0.method, path: $0.pattern.path) }
        if let disagreement = DeclaredRoute.disagreement(declared: manifest.routes ?? [], handled: handled) {
            throw PluginError.invalid(disagreement)
        }
    }
}
