// ThemeRoutes: /themes/<file> — the authorities' logos named in themes.json, to everyone (the login page shows them too).
import Foundation
import HTTPTypes
import Hummingbird
import PluginRuntime

struct ThemeRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/themes/:file") { _, context in
            let file = context.parameters.get("file") ?? ""
            guard let folder = portal.themes.folder, portal.themes.servesLogo(file), Themes.isFileName(file) else {
                throw HTTPError(.notFound, message: "no such logo")
            }
            let data = try await portal.pool.run { Result { try Data(contentsOf: folder.appendingPathComponent(file)) } }.get()
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.hasSuffix(".svg")
                        ? "image/svg+xml" : file.hasSuffix(".png") ? "image/png" : "application/octet-stream",
                    // An SVG could carry script: it runs nowhere.
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
                    HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                    .cacheControl: "public, max-age=3600",
                ],
                body: .init(byteBuffer: .init(bytes: data)))
        }
    }
}
