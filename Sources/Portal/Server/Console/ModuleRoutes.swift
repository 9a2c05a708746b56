// ModuleRoutes: /admin/modules — authority and platform admins enable apps per school (or all at once) and pick their versions.
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

/// The matrix of the admin's schools × installed apps. Only authority admins (for their
/// authority's schools) and platform admins (every school) may see or change it; each
/// change is CSRF-protected (middleware), checked against the admin's scope, and audited.
struct ModuleRoutes {
    let portal: Portal
    static let refusal = "only authority and platform admins choose the apps of a school"

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/modules") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            let notice = request.uri.queryParameters.get("saved") != nil ? console.text("modules.saved", caller) : nil
            return try await page(console, context, caller: caller, notice: notice, isError: false, status: .ok)
        }
        router.post("/admin/modules") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            let form = try await console.form(request)
            let schoolID = form["school"] ?? "", pluginID = form["plugin"] ?? "", choice = form["choice"] ?? ""
            // "all": every school the admin chooses apps for, at once.
            let rights = caller.rights
            let directory = portal.directory
            let schoolIDs =
                schoolID == "all" ? try await console.run { try Console.authoritySchools(directory, rights).map(\.id) } : [schoolID]
            guard !schoolIDs.isEmpty, schoolIDs.allSatisfy({ rights.administers(school: $0) }) else {
                throw HTTPError(.forbidden, message: "only authority and platform admins choose the apps of their own schools")
            }
            guard !choice.isEmpty else { return Response(status: .seeOther, headers: [.location: "/admin/modules"]) }
            let manifests = portal.plugins.loaded.filter { $0.id == pluginID }.map(\.manifest)
            guard !manifests.isEmpty else { throw HTTPError(.badRequest, message: "no installed app '\(pluginID)'") }
            let enablement = portal.moduleEnablement, actor = caller.identity.userID
            let refusal = try await console.attempt {
                switch choice {
                case "off": try enablement.disable(pluginID: pluginID, schoolIDs: schoolIDs, by: actor)
                case "newest": try enablement.enable(manifests, schoolIDs: schoolIDs, by: actor)
                default: try enablement.enable(manifests, version: choice, schoolIDs: schoolIDs, by: actor)
                }
            }
            portal.modules.invalidate()
            portal.sessionCache.forgetAll()
            if let refusal {
                return try await page(
                    console, context, caller: caller, notice: refusal.text(caller.language), isError: true, status: .conflict)
            }
            return Response(status: .seeOther, headers: [.location: "/admin/modules?saved=1"])
        }
    }

    /// The matrix for the admin's schools, with `notice` above it.
    private func page(
        _ console: Console, _ context: PortalRequestContext, caller: Console.Caller, notice: String?, isError: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let rights = caller.rights, pluginIDs = portal.plugins.serving.map(\.id)
        let portal = self.portal, directory = portal.directory
        let rows = try await console.run {
            let schools = try Console.authoritySchools(directory, rights)
            let usage = try portal.moduleUsage(schoolIDs: schools.map(\.id), pluginIDs: pluginIDs)
            let choices = try portal.modules.allSchools()
            return schools.map { school in
                ModulesPage.Row(
                    schoolID: school.id, uai: school.uai, name: school.name, pilot: school.pilot,
                    cells: (choices[school.id] ?? [:]).mapValues { ModulesPage.Cell(enabled: true, version: $0) },
                    usage: usage[school.id] ?? [:])
            }
        }
        let columns = portal.plugins.serving.map { plugin in
            ModulesPage.Column(
                id: plugin.id, name: plugin.manifest.name,
                versions: portal.plugins.loaded.filter { $0.id == plugin.id }.map(\.version).sorted(),
                experimental: plugin.manifest.stability == .experimental)
        }
        let body = ModulesPage(localizer: portal.localizer, language: caller.language).render(
            rows: rows, columns: columns, csrf: context.csrfToken)
        return await console.page("modules.title", body, caller: caller, context: context, notice: notice, isError: isError, status: status)
    }
}
