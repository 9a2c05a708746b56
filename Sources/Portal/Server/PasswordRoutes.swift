// PasswordRoutes: /profile/password, where a logged-in user changes their password.
import CartableText
import Foundation
import HostDomain
import HostLocales
import Hummingbird
import HTTPTypes
import PluginRuntime

/// Changing one's password. The change ends every session of the account; the browser that
/// made it gets a new one at once.
struct PasswordRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/profile/password") { request, context in
            guard context.identity != nil else {
                return Response(status: .seeOther, headers: [.location: AuthRoutes.loginURL(returningTo: "/profile/password")])
            }
            return await changePage(request, context: context, error: nil, status: .ok)
        }
        router.post("/profile/password") { request, context in
            let userID = try context.requireUser()
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let current = form["current"] ?? "", password = form["password"] ?? ""
            let authenticator = portal.authenticator, address = context.address
            let outcome = await AuthRoutes.whenTypedTwice(form) {
                await portal.blocking.run {
                    Result { try authenticator.changePassword(userID: userID, current: current, new: password, address: address) }
                }
            }
            switch outcome {
            case .success:
                return try await AuthRoutes(portal: portal).openSession(userID: userID, context: context, then: "/profile?password=1")
            case .failure(let refusal as Authenticator.Refusal):
                let message = portal.localizer.text(refusal.key, context.language(request), refusal.retryAfter.map(String.init) ?? "")
                var response = await changePage(
                    request, context: context, error: message, status: refusal.retryAfter == nil ? .unprocessableContent : .tooManyRequests)
                if let wait = refusal.retryAfter { response.headers[.retryAfter] = String(wait) }
                return response
            case .failure(let error):
                throw error
            }
        }
    }

    private func changePage(
        _ request: Request, context: PortalRequestContext, error: String?, status: HTTPResponse.Status
    ) async
        -> Response
    {
        await AuthRoutes(portal: portal).page(request, context: context, title: "password.change_title", status: status) {
            $0.passwordChange(csrf: context.csrfToken, error: error)
        }
    }
}
