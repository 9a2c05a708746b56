// SSOClientsPage: /admin/sso — the registered tools (client id, redirect URIs, schools, scopes) and the form to register one.
import CartableText
import HostDomain
import HostLocales
import HostStorage

struct SSOClientsPage {
    let html: ConsoleHTML

    func render(
        clients: [SSOClients.Client], schools: [Directory.School], authorities: [(id: String, name: String)], isPlatformAdmin: Bool
    ) -> HTML {
        let names = Dictionary(schools.map { ($0.id, $0.uai) }, uniquingKeysWith: { first, _ in first })
        let rows = clients.map { client -> [HTML] in
            let uris = client.redirectURIs.map { "<code>\($0)</code>" as HTML }.joined(separator: "<br>")
            let state = client.disabled ? html.t("sso.disabled") : html.t("sso.active")
            var actions: [HTML] = []
            if !client.disabled {
                if !client.isPublic { actions.append(html.button("/admin/sso/\(client.id)/secret", label: html.t("sso.renew_secret"))) }
                actions.append(html.button("/admin/sso/\(client.id)/disable", label: html.t("sso.disable")))
            }
            return [
                HTML(text: client.name), "<code>\(client.id)</code>",
                html.t(client.kind == "cas" ? "sso.kind_cas" : client.isPublic ? "sso.public" : "sso.confidential"), uris,
                HTML(text: client.schoolIDs.map { names[$0] ?? $0 }.joined(separator: ", ")),
                HTML(text: client.scopes.joined(separator: " ")),
                html.t("sso.subject_\(client.subjectType)"), state, actions.joined(separator: " "),
            ]
        }
        var page: HTML = "<p>\(html.t("sso.help"))</p>"
        page += html.table(
            caption: html.t("sso.clients"),
            headers: [
                "sso.name", "sso.client_id", "sso.type", "sso.redirect_uris", "sso.schools", "sso.scopes", "sso.subject", "sso.state",
                "sso.actions",
            ].map { html.t($0) },
            rows: rows, empty: html.t("sso.none"))
        page += "<h2>\(html.t("sso.register"))</h2>"
        page += registrationForm(schools: schools, authorities: authorities, isPlatformAdmin: isPlatformAdmin)
        if isPlatformAdmin {
            page += "<h2>\(html.t("sso.keys"))</h2><p>\(html.t("sso.keys_help"))</p>"
            page += html.button("/admin/sso/keys/rotate", label: html.t("sso.rotate"))
        }
        return page
    }

    private func registrationForm(schools: [Directory.School], authorities: [(id: String, name: String)], isPlatformAdmin: Bool) -> HTML {
        let text = { (key: String) in html.localizer.text(key, html.language) }
        var fields = html.field("sso-name", name: "name", label: html.t("sso.name"))
        let kinds = [("oidc", text("sso.kind_oidc"), true), ("cas", text("sso.kind_cas"), false)]
        fields += "<p>\(html.select("sso-kind", name: "kind", label: html.t("sso.kind"), options: kinds))</p>"
        fields += """
            <p><label for="sso-redirects">\(html.t("sso.redirect_uris_field"))</label><br>\
            <textarea id="sso-redirects" name="redirect_uris" rows="3" required></textarea></p>\
            <p><label for="sso-logout">\(html.t("sso.logout_uris_field"))</label><br>\
            <textarea id="sso-logout" name="post_logout_redirect_uris" rows="2"></textarea></p>
            """
        let schoolBoxes = schools.map { school -> HTML in
            """
            <li><input type="checkbox" id="sso-school-\(school.id)" name="school:\(school.id)" value="1"> \
            <label for="sso-school-\(school.id)">\(school.name) (\(school.uai))</label></li>
            """
        }
        fields += "<fieldset><legend>\(html.t("sso.schools_field"))</legend><ul>\(schoolBoxes)</ul></fieldset>"
        let scopeBoxes = SSOClients.knownScopes.filter { $0 != "openid" }.map { scope -> HTML in
            let checked: HTML = scope == "profile" ? " checked" : ""
            return """
                <li><input type="checkbox" id="sso-scope-\(scope)" name="scope:\(scope)" value="1"\(checked)> \
                <label for="sso-scope-\(scope)"><code>\(scope)</code> — \(html.t("sso.scope_\(scope)"))</label></li>
                """
        }
        fields += "<fieldset><legend>\(html.t("sso.scopes_field"))</legend><ul>\(scopeBoxes)</ul></fieldset>"
        let subjects = [("pairwise", text("sso.subject_pairwise"), true), ("public", text("sso.subject_public"), false)]
        fields += "<p>\(html.select("sso-subject", name: "subject_type", label: html.t("sso.subject"), options: subjects))</p>"
        fields +=
            "<p><input type=\"checkbox\" id=\"sso-public\" name=\"public\" value=\"1\"> <label for=\"sso-public\">\(html.t("sso.public_field"))</label></p>"
        if isPlatformAdmin {
            fields +=
                "<p><input type=\"checkbox\" id=\"sso-first-party\" name=\"first_party\" value=\"1\"> <label for=\"sso-first-party\">\(html.t("sso.first_party_field"))</label></p>"
            let owners = [("", text("sso.platform"), true)] + authorities.map { ($0.id, $0.name, false) }
            fields += "<p>\(html.select("sso-authority", name: "authority", label: html.t("sso.authority_field"), options: owners))</p>"
        }
        fields += "<p><button type=\"submit\">\(html.t("sso.register_button"))</button></p>"
        return html.form("/admin/sso", fields)
    }
}
