// ConnectedToolsRoutes: /profile/tools — the tools a user allowed to sign them in, and withdrawing that permission (tokens revoked at once).
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import PluginRuntime

struct ConnectedToolsRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/profile/tools") { request, context in
            guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
            let language = context.language(request), userID = identity.userID
            let consents = portal.ssoConsents
            let rows = try await portal.pool.run { Result { try consents.consents(of: userID) } }.get()
            let t = { (key: String) in portal.localizer.text(key, language) }
            var body: HTML = "<p>\(t("tools.help"))</p>"
            if rows.isEmpty {
                body += "<p>\(t("tools.none"))</p>"
            } else {
                let items = rows.map { row -> HTML in
                    let scopes = row.scope.map { portal.localizer.text("sso.scope_\($0)", language) }.joined(separator: ", ")
                    return """
                        <li><strong>\(row.name)</strong> — \(scopes) \
                        <form method="post" action="/profile/tools/\(row.clientID)/withdraw" class="inline">\
                        <input type="hidden" name="_csrf" value="\(context.csrfToken)">\
                        <button type="submit">\(t("tools.withdraw"))</button></form></li>
                        """
                }
                body += "<ul>\(items)</ul>"
            }
            return Response.html(
                await portal.page(
                    title: portal.localizer.text("tools.title", language), fragment: body, language: language, context: context,
                    breadcrumbs: [
                        (portal.localizer.text("portal.home", language), "/"),
                        (portal.localizer.text("profile.title", language), "/profile"),
                    ]))
        }
        // Withdrawn: the consent goes, and every token the tool holds for this user is revoked.
        router.post("/profile/tools/:id/withdraw") { _, context in
            guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
            let clientID = context.parameters.get("id") ?? "", userID = identity.userID
            let consents = portal.ssoConsents
            try await portal.pool.run { Result { try consents.withdraw(user: userID, client: clientID) } }.get()
            return Response(status: .seeOther, headers: [.location: "/profile/tools"])
        }
    }
}
