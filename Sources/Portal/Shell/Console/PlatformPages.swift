// PlatformPages: the platform admin's pages — authorities with their admins, and the review of installed plugins.
import CartableText
import CartableWire
import HostDomain
import HostLocales
import HostStorage

struct PlatformPages {
    let html: ConsoleHTML
    /// A right's name in the reader's language (its id when the plugin names none).
    var actionName: (String) -> String = { $0 }

    /// One plugin version the loader saw, loaded or refused.
    struct PluginReview {
        let id: String
        let name: String
        let version: String
        let abi: String
        let stability: String
        let checksum: String
        let state: String
        let refusal: String?
        let actions: [PluginManifest.Action]
        let routes: [PluginManifest.Route]
        let schoolsEnabled: Int
    }

    func authorities(_ authorities: [Directory.AuthorityListing]) -> HTML {
        let rows = authorities.map { authority -> [HTML] in
            let admins = authority.admins.map { admin in
                "\(admin.name) (\(admin.login)) "
                    + html.button("/admin/authorities/\(authority.id)/admins/\(admin.id)/remove", label: html.t("console.remove_admin"))
            }.joined(separator: "<br>")
            let add = html.form(
                "/admin/authorities/\(authority.id)/admins", inline: true,
                "<label for=\"admin-\(authority.id)\">\(html.t("console.admin_login"))</label> "
                    + "<input id=\"admin-\(authority.id)\" name=\"login\" required> <button type=\"submit\">\(html.t("console.add_admin"))</button>"
            )
            return [HTML(text: authority.name), html.number(authority.schools), admins + (admins.isEmpty ? "" : "<br>") + add]
        }
        let table = html.table(
            caption: html.t("console.authorities"),
            headers: [html.t("console.name"), html.t("console.schools_count"), html.t("console.admins")],
            rows: rows, empty: html.t("console.none"))
        let create = html.form(
            "/admin/authorities",
            "<fieldset><legend>\(html.t("console.new_authority"))</legend>"
                + html.field("authority-name", name: "name", label: html.t("console.name"))
                + "<p><button type=\"submit\">\(html.t("console.create"))</button></p></fieldset>")
        return table + create
    }

    func plugins(_ reviews: [PluginReview]) -> HTML {
        guard !reviews.isEmpty else { return "<p>\(html.t("console.no_plugins"))</p>" }
        return "<p>\(html.t("console.plugins_help"))</p>" + reviews.map(review).joined()
    }

    private func review(_ plugin: PluginReview) -> HTML {
        let id = "plugin-\(plugin.id)-\(plugin.version)"
        let facts: [(String, HTML)] =
            [
                ("console.plugin_id", HTML(text: plugin.id)), ("console.version", HTML(text: plugin.version)),
                ("console.abi", HTML(text: plugin.abi)), ("console.stability", HTML(text: plugin.stability)),
                ("console.checksum", HTML(text: plugin.checksum)), ("console.state", html.t("console.state.\(plugin.state)")),
                ("console.schools_enabled", html.number(plugin.schoolsEnabled)),
            ] + (plugin.refusal.map { [("console.refusal", HTML(text: $0))] } ?? [])
        let list = facts.map { "<dt>\(html.t($0.0))</dt><dd>\($0.1)</dd>" as HTML }
        let actions = html.table(
            caption: html.t("console.actions"), headers: [html.t("console.action"), html.t("console.defaults")],
            rows: plugin.actions.map { action -> [HTML] in
                let defaults = action.defaults.map { html.localizer.text("console.profile.\($0)", html.language) }
                return ["\(actionName(action.id)) <code>\(action.id)</code>", HTML(text: defaults.joined(separator: ", "))]
            },
            empty: html.t("console.no_actions"))
        let routes = html.table(
            caption: html.t("console.routes"), headers: [html.t("console.method"), html.t("console.path"), html.t("console.access")],
            rows: plugin.routes.map { route -> [HTML] in
                [
                    HTML(text: route.method), HTML(text: route.path),
                    route.isPublic
                        ? html.t("console.public")
                        : route.action.map { html.t("console.needs_action", actionName($0)) } ?? html.t("console.logged_in"),
                ]
            }, empty: html.t("console.no_routes"))
        return """
            <section aria-labelledby="\(id)"><h2 id="\(id)">\(plugin.name) \(plugin.version)</h2><dl>\(list)</dl>\(actions)\(routes)</section>
            """
    }
}
