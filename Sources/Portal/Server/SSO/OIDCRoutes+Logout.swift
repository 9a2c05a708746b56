// OIDCRoutes+Logout: RP-initiated logout: the tool proves whom it logs out, or the user confirms.
import CartableText
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import JWTKit
import PluginRuntime

extension OIDCRoutes {
    /// Logs the user out when the tool proves who it logs out (a valid `id_token_hint` of this user) or the
    /// user confirms; then goes back to `post_logout_redirect_uri` if the tool registered it, else to the login page.
    func endSession(_ params: [String: String], context: PortalRequestContext, confirmed: Bool, request: Request) async throws -> Response {
        var clientID = params["client_id"]
        var hintMatches = false
        let clients = portal.ssoClients
        if let hint = params["id_token_hint"], !hint.isEmpty {
            let keys = try await portal.signingKeys.collection()
            // An expired hint still names the tool and the user: only its signature matters here.
            if let token = try? await keys.verify(hint, as: LogoutHint.self), let audience = token.aud.value.first {
                clientID = clientID ?? audience
                if let identity = context.identity {
                    let expected = try await portal.pool.run {
                        Result { try clients.client(audience).map { try portal.oidcClaims.subject(userID: identity.userID, client: $0) } }
                    }.get()
                    hintMatches = expected == token.sub.value
                }
            }
        }
        var destination = "/auth/login"
        if let wanted = params["post_logout_redirect_uri"], let clientID {
            if let client = try await portal.pool.run({ Result { try clients.client(clientID) } }).get(),
                client.postLogoutRedirectURIs.contains(wanted)
            {
                destination = wanted + (params["state"].map { (wanted.contains("?") ? "&" : "?") + formURLEncoded(["state": $0]) } ?? "")
            }
        }
        guard context.identity != nil else { return Response(status: .seeOther, headers: [.location: destination]) }
        if hintMatches || confirmed {
            return await AuthRoutes(portal: portal).logOut(context, then: destination)
        }
        // Without proof from the tool, the user confirms (a link elsewhere must not log them out).
        let hidden = params.filter { $0.key != "_csrf" }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        return await AuthRoutes(portal: portal).page(request, context: context, title: "sso.logout_title") {
            $0.logoutConfirmation(action: "/oauth2/logout", csrf: context.csrfToken, hidden: hidden)
        }
    }

    /// The claims of an ID token that a logout needs.
    struct LogoutHint: JWTPayload {
        var aud: AudienceClaim
        var sub: SubjectClaim
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
