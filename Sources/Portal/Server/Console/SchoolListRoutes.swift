// SchoolListRoutes: /admin/schools — an authority's schools: create one, set its pilot flag, name its admins.
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

/// Every admin sees the schools they administer; only authority admins (for their
/// authority's schools) and platform admins create schools, change pilot flags and name
/// school admins.
struct SchoolListRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/schools") { request, context in
            let caller = try await console.caller(request, context)
            return try await page(console, context, caller: caller, notice: console.notice(request, caller), isError: false, status: .ok)
        }
        router.post("/admin/schools") { request, context in
            let caller = try await console.caller(request, context)
            let form = try await console.form(request)
            let authority = form["authority"] ?? ""
            guard caller.rights.administers(authority: authority) else {
                throw HTTPError(.forbidden, message: "only the admins of an authority create its schools")
            }
            let directory = portal.directory
            let outcome = await portal.pool.run {
                Result {
                    try directory.createSchool(
                        uai: form["uai"] ?? "", name: form["name"] ?? "", authority: authority, pilot: form["pilot"] == "1",
                        actor: caller.identity.userID)
                }
            }
            if case .failure(let error) = outcome {
                return try await page(
                    console, context, caller: caller, notice: (error as? AccessRefusal)?.text(caller.language) ?? "\(error)", isError: true,
                    status: .badRequest)
            }
            return console.redirect("/admin/schools")
        }
        router.post("/admin/schools/:id/pilot") { request, context in
            let (caller, school) = try await manager(console, request, context)
            let pilot = try await console.form(request)["pilot"] == "1"
            let directory = portal.directory
            let experimental = Set(portal.plugins.loaded.filter { $0.manifest.stability == .experimental }.map(\.id))
            if let refusal = try await console.attempt({
                try directory.setPilot(schoolID: school.id, pilot: pilot, experimentalApps: experimental, by: caller.identity.userID)
            }) {
                return try await page(
                    console, context, caller: caller, notice: refusal.text(caller.language), isError: true, status: .conflict)
            }
            portal.sessionCache.forgetAll()
            return console.redirect("/admin/schools")
        }
        AdminFunctionRoutes(
            portal: portal, base: "/admin/schools", function: .school,
            authorize: { request, context in try await manager(console, request, context).0 },
            refused: { context, caller, refusal in
                try await page(console, context, caller: caller, notice: refusal.text(caller.language), isError: true, status: .badRequest)
            }
        ).register(on: router)
    }

    /// An authority or platform admin acting on a school of their own.
    private func manager(
        _ console: Console, _ request: Request, _ context: PortalRequestContext
    ) async throws -> (Console.Caller, Console.School) {
        let caller = try await console.caller(request, context)
        let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
        guard caller.rights.administers(authority: school.authorityID) else {
            throw HTTPError(.forbidden, message: "only the admins of the school's authority change its pilot flag and its admins")
        }
        return (caller, school)
    }

    private func page(
        _ console: Console, _ context: PortalRequestContext, caller: Console.Caller, notice: String?, isError: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let rights = caller.rights
        let directory = portal.directory
        let (schools, authorities) = try await console.run {
            (
                try directory.schoolListings { rights.administers(school: $0.id) },
                try directory.authorityNames().filter { rights.administers(authority: $0.id) }
            )
        }
        let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
        let body = SchoolsPage(html: html).render(
            schools, authorities: authorities, canManage: rights.isPlatformAdmin || !rights.authorityIDs.isEmpty)
        return await console.page(
            "console.schools", body, caller: caller, context: context, notice: notice, isError: isError, status: status)
    }
}
