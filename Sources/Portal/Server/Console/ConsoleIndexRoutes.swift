// ConsoleIndexRoutes: /admin — the console's entry page, listing what this admin may open.
import HostDomain
import HostStorage
import Hummingbird

struct ConsoleIndexRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin") { request, context in
            let caller = try await console.caller(request, context)
            let rights = caller.rights
            let directory = portal.directory
            let schools = try await console.run { try directory.schools().filter { rights.administers(school: $0.id) } }
            let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
            let body = ConsoleIndexPage(html: html).render(
                isPlatformAdmin: rights.isPlatformAdmin, isAuthorityAdmin: !rights.authorityIDs.isEmpty, schools: schools)
            return await console.page("admin.title", body, caller: caller, context: context)
        }
    }
}
