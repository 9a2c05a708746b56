// SSOClientsPage: /admin/sso — the registered tools (client id, redirect URIs, schools, scopes) and the form to register one.
import CartableText
import HostDomain
import HostLocales
import HostStorage

struct SSOClientsPage {
    let html: ConsoleHTML

    func render(
        clients: [SSOClients.Client], schools: [Directory.School], authorities: [(id: String, name: String)], isPlatformAdmin: Bool
    ) -> String {
        let names = Dictionary(schools.map { ($0.id, $0.uai) }, uniquingKeysWith: { first, _ in first })
        let rows = clients.map { client -> [String] in
            let uris = client.redirectURIs.map { "<code>\(escapeHTML($0))</code>" }.joined(separator: "<br>")
            let state = client.disabled ? html.t("sso.disabled") : html.t("sso.active")
            var actions: [String] = []
            if !client.disabled {
                if !client.isPublic { actions.append(html.button("/admin/sso/\(client.id)/secret", label: html.t("sso.renew_secret"))) }
                actions.append(html.button("/admin/sso/\(client.id)/disable", label: html.t("sso.disable")))
            }
            return [
                escapeHTML(client.name), "<code>\(escapeHTML(client.id))</code>",
                html.t(client.kind == "cas" ? "sso.kind_cas" : client.isPublic ? "sso.public" : "sso.confidential"), uris,
                client.schoolIDs.map { escapeHTML(names[$0] ?? $0) }.joined(separator: ", "),
                escapeHTML(client.scopes.joined(separator: " ")),
                html.t("sso.subject_\(client.subjectType)"), state, actions.joined(separator: " "),
            ]
        }
        var page = "<p>\(html.t("sso.help"))</p>"
        page += html.table(
            caption: html.t("sso.clients"),
            headers: [
                "sso.name", "sso.client_id", "sso.type", "sso.redirect_uris", "sso.schools", "sso.scopes", "sso.subject", "sso.state",
                "sso.actions",
            ].map { html.t($0) },
            rows: rows, empty: html.t("sso.none"))
        page +=
            "<h2>\(html.t("sso.register"))</h2>"
            + registrationForm(schools: schools, authorities: authorities, isPlatformAdmin: isPlatformAdmin)
        if isPlatformAdmin {
            page +=
                "<h2>\(html.t("sso.keys"))</h2><p>\(html.t("sso.keys_help"))</p>"
                + html.button("/admin/sso/keys/rotate", label: html.t("sso.rotate"))
        }
        return page
    }

    private func registrationForm(schools: [Directory.School], authorities: [(id: String, name: String)], isPlatformAdmin: Bool) -> String {
        var fields = html.field("sso-name", name: "name", label: html.t("sso.name"))
        fields +=
            "<p>"
            + html.select(
                "sso-kind", name: "kind", label: html.t("sso.kind"),
                options: [
                    ("oidc", html.localizer.text("sso.kind_oidc", html.language), true),
                    ("cas", html.localizer.text("sso.kind_cas", html.language), false),
                ]) + "</p>"
        fields +=
            "<p><label for=\"sso-redirects\">\(html.t("sso.redirect_uris_field"))</label><br>"
            + "<textarea id=\"sso-redirects\" name=\"redirect_uris\" rows=\"3\" required></textarea></p>"
        fields +=
            "<p><label for=\"sso-logout\">\(html.t("sso.logout_uris_field"))</label><br>"
            + "<textarea id=\"sso-logout\" name=\"post_logout_redirect_uris\" rows=\"2\"></textarea></p>"
        let schoolBoxes = schools.map { school in
            "<li><input type=\"checkbox\" id=\"sso-school-\(escapeHTML(school.id))\" name=\"school:\(escapeHTML(school.id))\" value=\"1\"> "
                + "<label for=\"sso-school-\(escapeHTML(school.id))\">\(escapeHTML(school.name)) (\(escapeHTML(school.uai)))</label></li>"
        }.joined()
        fields += "<fieldset><legend>\(html.t("sso.schools_field"))</legend><ul>\(schoolBoxes)</ul></fieldset>"
        let scopeBoxes = SSOClients.knownScopes.filter { $0 != "openid" }.map { scope in
            "<li><input type=\"checkbox\" id=\"sso-scope-\(scope)\" name=\"scope:\(scope)\" value=\"1\"\(scope == "profile" ? " checked" : "")> "
                + "<label for=\"sso-scope-\(scope)\"><code>\(scope)</code> — \(html.t("sso.scope_\(scope)"))</label></li>"
        }.joined()
        fields += "<fieldset><legend>\(html.t("sso.scopes_field"))</legend><ul>\(scopeBoxes)</ul></fieldset>"
        fields +=
            "<p>"
            + html.select(
                "sso-subject", name: "subject_type", label: html.t("sso.subject"),
                options: [
                    ("pairwise", html.localizer.text("sso.subject_pairwise", html.language), true),
                    ("public", html.localizer.text("sso.subject_public", html.language), false),
                ]) + "</p>"
        fields +=
            "<p><input type=\"checkbox\" id=\"sso-public\" name=\"public\" value=\"1\"> <label for=\"sso-public\">\(html.t("sso.public_field"))</label></p>"
        if isPlatformAdmin {
            fields +=
                "<p><input type=\"checkbox\" id=\"sso-first-party\" name=\"first_party\" value=\"1\"> <label for=\"sso-first-party\">\(html.t("sso.first_party_field"))</label></p>"
            fields +=
                "<p>"
                + html.select(
                    "sso-authority", name: "authority", label: html.t("sso.authority_field"),
                    options: [("", html.localizer.text("sso.platform", html.language), true)] + authorities.map { ($0.id, $0.name, false) })
                + "</p>"
        }
        fields += "<p><button type=\"submit\">\(html.t("sso.register_button"))</button></p>"
        return html.form("/admin/sso", fields)
    }
}
