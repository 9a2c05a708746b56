// ConnectedToolsRoutes: /profile/tools — the tools a user allowed to sign them in, and withdrawing that permission (tokens revoked at once).
import CartableText
import Foundation
import GRDB
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
            let rows = try await portal.pool.run {
                Result {
                    try portal.database.pool.read { db in
                        try Row.fetchAll(db, sql: """
                            SELECT c.id, c.name, s.scope, s.granted_at FROM sso_consents s JOIN sso_clients c ON c.id = s.client_id
                            WHERE s.user_id = ? ORDER BY c.name
                            """, arguments: [userID]).map { (id: $0["id"] as String, name: $0["name"] as String, scope: $0["scope"] as String, at: $0["granted_at"] as String) }
                    }
                }
            }.get()
            let t = { (key: String) in escapeHTML(portal.localizer.text(key, language)) }
            var body = "<p>\(t("tools.help"))</p>"
            if rows.isEmpty {
                body += "<p>\(t("tools.none"))</p>"
            } else {
                body += "<ul>" + rows.map { row in
                    let scopes = row.scope.split(separator: " ").map { escapeHTML(portal.localizer.text("sso.scope_\($0)", language)) }.joined(separator: ", ")
                    return "<li><strong>\(escapeHTML(row.name))</strong> — \(scopes) "
                        + "<form method=\"post\" action=\"/profile/tools/\(escapeHTML(row.id))/withdraw\" class=\"inline\">"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(context.csrfToken))\">"
                        + "<button type=\"submit\">\(t("tools.withdraw"))</button></form></li>"
                }.joined() + "</ul>"
            }
            return Response.html(await portal.page(title: portal.localizer.text("tools.title", language), fragment: body, language: language, context: context,
                                           breadcrumbs: [(portal.localizer.text("portal.home", language), "/"), (portal.localizer.text("profile.title", language), "/profile")]))
        }
        // Withdrawn: the consent goes, and every token the tool holds for this user is revoked.
        router.post("/profile/tools/:id/withdraw") { _, context in
            guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
            let clientID = context.parameters.get("id") ?? "", userID = identity.userID
            try await portal.pool.run {
                Result {
                    try portal.database.pool.write { db in
                        try db.execute(sql: "DELETE FROM sso_consents WHERE user_id = ? AND client_id = ?", arguments: [userID, clientID])
                        try db.execute(sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL",
                                       arguments: [Date().formatted(.iso8601), userID, clientID])
                        try AuditLog.record(db, at: Date(), action: "sso.consent.withdraw", actor: userID, target: clientID)
                    }
                }
            }.get()
            return Response(status: .seeOther, headers: [.location: "/profile/tools"])
        }
    }
}
