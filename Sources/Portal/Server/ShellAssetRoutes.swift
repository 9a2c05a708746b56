// ShellAssetRoutes: /assets/portal-<hash>.css — the shell's stylesheet, to everyone, cached for good.
import Hummingbird
import NIOCore

/// The login page uses the stylesheet too, so it needs no session. Only the current
/// version's name answers; an old one is a 404 (its page is gone with it).
struct ShellAssetRoutes {
    let stylesheet: ShellStylesheet

    func register(on router: Router<PortalRequestContext>) {
        let body = ByteBuffer(string: stylesheet.css)
        router.get(RouterPath(stylesheet.path)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=31536000, immutable"],
                body: .init(byteBuffer: body))
        }
    }
}
