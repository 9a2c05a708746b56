// ShellAssetRoutes: /assets/portal-<hash>.css and /assets/icon-<hash>.svg — the shell's own files, to everyone, cached for good.
import Hummingbird
import NIOCore

/// The login page uses them too, so they need no session. Only the current version's name
/// answers; an old one is a 404 (its page is gone with it).
struct ShellAssetRoutes {
    let assets: [ShellAsset]

    func register(on router: Router<PortalRequestContext>) {
        for asset in assets {
            let body = ByteBuffer(string: asset.body)
            router.get(RouterPath(asset.path)) { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                    body: .init(byteBuffer: body))
            }
        }
    }
}
