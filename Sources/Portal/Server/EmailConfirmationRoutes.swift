// EmailConfirmationRoutes: /profile/email/confirm — send a confirmation link to one's address, and open it.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import HTTPTypes
import PluginRuntime

/// A reset link goes only to an address its owner confirmed: the school's records may hold a
/// typo or a former address, and a link there would hand the account to a stranger.
struct EmailConfirmationRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.post("/profile/email/confirm") { request, context in
            let userID = try context.requireUser()
            let links = portal.accountLinks, address = context.address, language = context.language(request)
            if let mail = portal.mail {
                let link = try await portal.pool.run { Result { try links.requestConfirmation(userID: userID, address: address) } }.get()
                if let link {
                    mail.post(
                        AccountMail(localizer: portal.localizer, base: portal.configuration.issuer).confirmation(link, fallback: language),
                        what: "confirmation link")
                }
            }
            return Response(status: .seeOther, headers: [.location: "/profile?confirmation=1"])
        }
        router.get("/profile/email/confirm") { request, context in
            let token = String(request.uri.queryParameters.get("token") ?? "")
            let links = portal.accountLinks, address = context.address
            let confirmed = try await portal.pool.run { Result { try links.confirm(token: token, address: address) } }.get()
            guard let confirmed else {
                return await AuthRoutes(portal: portal).page(request, context: context, title: "email.confirm_title", status: .notFound) {
                    $0.spentLink(retry: "/profile", retryLabel: "email.confirm_again")
                }
            }
            if context.identity?.userID == confirmed { return Response(status: .seeOther, headers: [.location: "/profile?email=1"]) }
            return await AuthRoutes(portal: portal).page(request, context: context, title: "email.confirm_title") {
                "<p role=\"status\" class=\"notice\">\($0.t("email.confirmed"))</p><p><a class=\"button\" href=\"/auth/login\">\($0.t("auth.submit"))</a></p>"
            }
        }
    }
}
