// PlatformConsoleRoutes: /admin/authorities and /admin/plugins — what only platform admins see and change.
import HostDomain
import Hummingbird
import PluginRuntime

struct PlatformConsoleRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/authorities") { request, context in
            let caller = try await platformAdmin(console, request, context)
            return try await authoritiesPage(
                console, context, caller: caller, notice: console.notice(request, caller), isError: false, status: .ok)
        }
        router.post("/admin/authorities") { request, context in
            let caller = try await platformAdmin(console, request, context)
            let name = try await console.form(request)["name"] ?? ""
            let directory = portal.directory
            let outcome = await portal.pool.run { Result { try directory.createAuthority(name: name, actor: caller.identity.userID) } }
            if case .failure(let error) = outcome {
                return try await authoritiesPage(
                    console, context, caller: caller, notice: (error as? AccessRefusal)?.text(caller.language) ?? "\(error)", isError: true,
                    status: .badRequest)
            }
            return console.redirect("/admin/authorities")
        }
        AdminFunctionRoutes(
            portal: portal, base: "/admin/authorities", function: .authority,
            authorize: { request, context in try await platformAdmin(console, request, context) },
            refused: { context, caller, refusal in
                try await authoritiesPage(
                    console, context, caller: caller, notice: refusal.text(caller.language), isError: true, status: .badRequest)
            }
        ).register(on: router)
        router.get("/admin/plugins") { request, context in
            let caller = try await platformAdmin(console, request, context)
            // How many schools chose each "<plugin> <version>" ("<plugin> " for the newest).
            let counts = try await console.run { [portal] in
                var counts: [String: Int] = [:]
                for choices in try portal.modules.allSchools().values {
                    for (plugin, version) in choices { counts["\(plugin) \(version ?? "")", default: 0] += 1 }
                }
                return counts
            }
            let newest = Set(portal.plugins.serving.map { "\($0.id) \($0.version)" })
            let loaded = portal.plugins.loaded.map { plugin in
                let manifest = plugin.manifest
                // Schools on "the newest" count for the serving version.
                let enabled =
                    (counts["\(plugin.id) \(plugin.version)"] ?? 0)
                    + (newest.contains("\(plugin.id) \(plugin.version)") ? counts["\(plugin.id) "] ?? 0 : 0)
                return PlatformPages.PluginReview(
                    id: manifest.id, name: manifest.name, version: manifest.version, abi: manifest.abi,
                    stability: manifest.stability.rawValue,
                    checksum: manifest.library.sha256, state: "loaded", refusal: nil, actions: manifest.actions, routes: manifest.routes,
                    schoolsEnabled: enabled)
            }
            let refused = portal.plugins.refused.map { refusal in
                PlatformPages.PluginReview(
                    id: refusal.id, name: refusal.id, version: refusal.version, abi: refusal.abi, stability: refusal.stability,
                    checksum: refusal.manifest?.library.sha256 ?? "", state: "refused", refusal: refusal.reason,
                    actions: refusal.manifest?.actions ?? [],
                    routes: refusal.manifest?.routes ?? [], schoolsEnabled: 0)
            }
            let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
            let reviews = (loaded + refused).sorted { ($0.id, $0.version) < ($1.id, $1.version) }
            return await console.page(
                "console.plugins",
                PlatformPages(html: html, actionName: { portal.pluginLocales.actionName($0, caller.language) }).plugins(reviews),
                caller: caller, context: context)
        }
    }

    private func platformAdmin(_ console: Console, _ request: Request, _ context: PortalRequestContext) async throws -> Console.Caller {
        let caller = try await console.caller(request, context)
        guard caller.rights.isPlatformAdmin else {
            throw HTTPError(.forbidden, message: "only platform admins manage authorities and installed plugins")
        }
        return caller
    }

    private func authoritiesPage(
        _ console: Console, _ context: PortalRequestContext, caller: Console.Caller, notice: String?, isError: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let directory = portal.directory
        let authorities = try await console.run { try directory.authorityListings() }
        let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
        return await console.page(
            "console.authorities", PlatformPages(html: html).authorities(authorities), caller: caller, context: context,
            notice: notice, isError: isError, status: status)
    }
}
