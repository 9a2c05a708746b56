// SchoolConsoleRoutes: /admin/schools/<id> — a school admin's classes, manual groups, roles and grants.
import CartableText
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

/// Every route checks that the caller administers the school in the path (school, authority
/// or platform admin), and the domain calls check that groups and roles belong to it. Changes
/// are audited there and bump the school's grants version, so sessions see them at once.
struct SchoolConsoleRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/schools/:id") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            return try await page(
                console, context, caller: caller, school: school, notice: console.notice(request, caller), isError: false, status: .ok)
        }
        let groups = portal.manualGroups, roles = portal.roles
        change(router, console, "/admin/schools/:id/groups") { form, school, actor, _ in
            try groups.create(schoolID: school.id, name: form["name"] ?? "", by: actor)
        }
        change(router, console, "/admin/schools/:id/groups/:group/delete") { _, school, actor, parameters in
            try groups.delete(groupID: parameters.get("group") ?? "", schoolID: school.id, by: actor)
        }
        change(router, console, "/admin/schools/:id/groups/:group/members") { form, school, actor, parameters in
            try groups.add(login: form["login"] ?? "", groupID: parameters.get("group") ?? "", schoolID: school.id, by: actor)
        }
        change(router, console, "/admin/schools/:id/groups/:group/members/:user/remove") { _, school, actor, parameters in
            try groups.remove(userID: parameters.get("user") ?? "", groupID: parameters.get("group") ?? "", schoolID: school.id, by: actor)
        }
        let known = Set(portal.plugins.loaded.flatMap { $0.manifest.actions.map(\.id) })
        change(router, console, "/admin/schools/:id/roles") { form, school, actor, _ in
            let actions = Set(form.keys.filter { $0.hasPrefix("action:") && form[$0] == "1" }.map { String($0.dropFirst("action:".count)) })
            let unknown = actions.subtracting(known)
            guard unknown.isEmpty else { throw AccessRefusal(key: "refusal.unknown_actions", unknown.sorted().joined(separator: ", ")) }
            guard !actions.isEmpty else { throw AccessRefusal(key: "refusal.role_without_actions") }
            try roles.create(schoolID: school.id, name: form["name"] ?? "", actions: actions, by: actor)
        }
        change(router, console, "/admin/schools/:id/roles/:role/grant") { form, school, actor, parameters in
            try roles.grant(roleID: parameters.get("role") ?? "", groupID: form["group"] ?? "", in: school.id, by: actor)
        }
        change(router, console, "/admin/schools/:id/roles/:role/revoke") { form, school, actor, parameters in
            try roles.revoke(roleID: parameters.get("role") ?? "", groupID: form["group"] ?? "", in: school.id, by: actor)
        }
        change(router, console, "/admin/schools/:id/roles/:role/delete") { _, school, actor, parameters in
            try roles.delete(roleID: parameters.get("role") ?? "", in: school.id, by: actor)
        }
    }

    /// A POST that changes the school: on success back to its page, on a refusal the page with the reason (400).
    private func change(
        _ router: Router<PortalRequestContext>, _ console: Console, _ path: RouterPath,
        _ work: @escaping @Sendable ([String: String], Console.School, String, Parameters) throws -> Void
    ) {
        router.post(path) { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            let form = try await console.form(request)
            let parameters = context.parameters, actor = caller.identity.userID
            if let refusal = try await console.attempt({ try work(form, school, actor, parameters) }) {
                return try await page(
                    console, context, caller: caller, school: school, notice: refusal.text(caller.language), isError: true,
                    status: .badRequest)
            }
            // Groups and grants decide actions: this process's cached sessions see the change at once (others within the cache's lifetime).
            portal.sessionCache.forgetAll()
            return console.redirect("/admin/schools/\(school.id)")
        }
    }

    private func page(
        _ console: Console, _ context: PortalRequestContext, caller: Console.Caller, school: Console.School, notice: String?, isError: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let portal = self.portal
        let overview = try await console.run { try portal.schoolOverview(schoolID: school.id) }
        let actions = Set(portal.plugins.loaded.flatMap { $0.manifest.actions.map(\.id) }).sorted()
        let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
        let body =
            "<p>\(html.t("console.school_of", school.name, school.uai))</p>"
            + SchoolPage(html: html, actionName: { portal.pluginLocales.actionName($0, caller.language) })
            .render(school: school, overview: overview, actions: actions)
        return await console.page(
            "console.school", body, caller: caller, context: context, notice: notice, isError: isError, status: status)
    }
}
