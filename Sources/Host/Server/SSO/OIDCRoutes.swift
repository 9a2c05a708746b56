// OIDCRoutes: the OpenID provider's public endpoints; for now the JWKS relying parties verify ID tokens with.
import Foundation
import Hummingbird

struct OIDCRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        // The signing keys' public halves (RS256 and ES256, with their kid), retired ones included until they expire.
        router.get("/oauth2/jwks") { _, _ in
            let keys = SigningKeys(database: portal.database)
            let document = try await portal.blocking.run {
                Result { () throws -> String in
                    try keys.ensureActive()
                    return try keys.jwks()
                }
            }.get()
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(string: document)))
        }
    }
}
