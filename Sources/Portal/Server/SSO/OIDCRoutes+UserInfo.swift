// OIDCRoutes+UserInfo: the userinfo endpoint, the claims an access token allows.
import CartableText
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import PluginRuntime

extension OIDCRoutes {
    func userinfo(_ request: Request, form: [String: String]) async throws -> Response {
        let header = request.headers[.authorization]
        let token = header.flatMap { $0.lowercased().hasPrefix("bearer ") ? String($0.dropFirst(7)) : nil } ?? form["access_token"]
        let claims = try await portal.pool.run {
            Result { () throws -> [String: ClaimValue]? in
                guard let token, let grant = try portal.oauthGrants.access(token), let userID = grant.userID,
                    let client = try portal.ssoClients.client(grant.clientID), !client.disabled
                else { return nil }
                try portal.oauthGrants.checkStillAllowed(grant, client: client)
                return try portal.oidcClaims.claims(userID: userID, schoolID: grant.schoolID, client: client, scope: grant.scope)
            }
        }.get()
        guard let claims else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        let data = try JSONEncoder.sortedKeys.encode(claims)
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
