// AuthoritySettingsRoutes: /admin/settings — an authority admin sets, for all its schools, the app settings manifests open to authorities.
import HostDomain
import Hummingbird
import PluginRuntime

/// Each authority the caller administers (every authority for a platform admin) × each
/// installed app whose manifest lists `settings.authority`: one form of true/false
/// settings. CSRF-protected (middleware), scoped, audited; apps see the change within 2 s.
struct AuthoritySettingsRoutes {
    let portal: Portal
    static let refusal = "only authority and platform admins set the apps' settings of their schools"

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/settings") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            return try await page(console, context, caller: caller, notice: console.notice(request, caller))
        }
        router.post("/admin/settings") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            let form = try await console.form(request)
            let authorityID = form["authority"] ?? "", pluginID = form["plugin"] ?? ""
            guard caller.rights.administers(authority: authorityID) else {
                throw HTTPError(.forbidden, message: "you do not administer this authority")
            }
            guard let plugin = portal.plugins.serving.first(where: { $0.id == pluginID }) else {
                throw HTTPError(.badRequest, message: "no installed app '\(pluginID)'")
            }
            let values = Dictionary(
                uniqueKeysWithValues: (plugin.manifest.settings?.authorityDefaults ?? []).map { ($0.key, form["s-\($0.key)"] == "on") })
            let settings = portal.authoritySettings, actor = caller.identity.userID
            if let refusal = try await console.attempt({
                try settings.set(values, plugin: plugin.manifest, authority: authorityID, by: actor)
            }) {
                throw HTTPError(.badRequest, message: refusal.text(caller.language))
            }
            return console.redirect("/admin/settings")
        }
    }

    private func page(_ console: Console, _ context: PortalRequestContext, caller: Console.Caller, notice: String?) async throws -> Response
    {
        let rights = caller.rights
        let directory = portal.directory
        let authorities = try await console.run {
            try directory.authorityNames().filter { rights.administers(authority: $0.id) }
        }
        var forms: [SettingsPage.Form] = []
        for authority in authorities {
            for plugin in portal.plugins.serving {
                let defaults = plugin.manifest.settings?.authorityDefaults ?? []
                guard !defaults.isEmpty else { continue }
                let changed = try await portal.pool.run {
                    Result { try self.portal.authoritySettings.overrides(plugin: plugin.id, authority: authority.id) }
                }.get()
                let fields = defaults.map { key, value in
                    SettingsPage.Field(
                        key: key, label: portal.pluginLocales.text(plugin.id, "setting.\(key)", caller.language) ?? key,
                        value: changed[key] ?? value)
                }
                let name = portal.pluginLocales.text(plugin.id, "app.name", caller.language) ?? plugin.manifest.name
                forms.append(
                    .init(authorityID: authority.id, authorityName: authority.name, pluginID: plugin.id, pluginName: name, fields: fields))
            }
        }
        let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
        return await console.page(
            "settings.title", SettingsPage(html: html).render(forms), caller: caller, context: context, notice: notice)
    }
}
