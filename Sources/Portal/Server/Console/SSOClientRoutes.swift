// SSOClientRoutes: /admin/sso — platform and authority admins register the external tools users sign in to, renew secrets, disable clients, rotate keys.
import Foundation
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

/// Authority admins register clients for their own schools (the client belongs to their
/// authority); platform admins for any school, and rotate the signing keys. A secret is
/// shown once, on the page that follows its creation. Everything is audited.
struct SSOClientRoutes {
    let portal: Portal
    static let refusal = "only platform and authority admins register the tools users sign in to"

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/sso") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            return try await page(console, context, caller: caller, notice: console.notice(request, caller), isError: false, status: .ok)
        }
        router.post("/admin/sso") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            let form = try await console.form(request)
            let lines = { (field: String) in
                (form[field] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            }
            let rights = caller.rights
            let directory = portal.directory
            let schools = try await console.run { try Console.authoritySchools(directory, rights) }
            // A school outside the admin's reach is a refusal, not an omission.
            let asked = form.keys.filter { $0.hasPrefix("school:") && form[$0] == "1" }.map { String($0.dropFirst("school:".count)) }
            guard asked.allSatisfy({ id in schools.contains { $0.id == id } }) else {
                throw HTTPError(.forbidden, message: console.text("refusal.sso_school_scope", caller))
            }
            var registration = SSOClients.Registration(
                name: form["name"] ?? "", redirectURIs: lines("redirect_uris"),
                schoolIDs: schools.map(\.id).filter { form["school:\($0)"] == "1" })
            registration.postLogoutRedirectURIs = lines("post_logout_redirect_uris")
            registration.scopes = SSOClients.knownScopes.filter { $0 == "openid" || form["scope:\($0)"] == "1" }
            registration.subjectType = form["subject_type"] ?? "pairwise"
            registration.isPublic = form["public"] == "1"
            registration.kind = form["kind"] == "cas" ? "cas" : "oidc"
            registration.firstParty = rights.isPlatformAdmin && form["first_party"] == "1"
            // An authority admin's client belongs to their authority; a platform admin's to the platform unless they pick one.
            let authority: String? =
                rights.isPlatformAdmin ? (form["authority"].flatMap { $0.isEmpty ? nil : $0 }) : rights.authorityIDs.sorted().first
            let clients = portal.ssoClients, actor = caller.identity.userID, submitted = registration
            let outcome = await portal.pool.run {
                Result { try clients.register(submitted, rights: rights, authorityID: authority, by: actor) }
            }
            switch outcome {
            case .success(let (client, secret)):
                let notice =
                    client.kind == "cas"
                    ? console.text("sso.registered_cas", caller, client.id)
                    : secret.map { console.text("sso.registered_secret", caller, client.id, $0) }
                        ?? console.text("sso.registered_public", caller, client.id)
                return try await page(console, context, caller: caller, notice: notice, isError: false, status: .ok)
            case .failure(let refusal as AccessRefusal):
                return try await page(
                    console, context, caller: caller, notice: refusal.text(caller.language), isError: true, status: .badRequest)
            case .failure(let error):
                throw error
            }
        }
        router.post("/admin/sso/:id/secret") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            let id = context.parameters.get("id") ?? "", rights = caller.rights, actor = caller.identity.userID
            let clients = portal.ssoClients
            switch await portal.pool.run({ Result { try clients.renewSecret(id, rights: rights, by: actor) } }) {
            case .success(let secret):
                return try await page(
                    console, context, caller: caller, notice: console.text("sso.new_secret", caller, id, secret), isError: false,
                    status: .ok)
            case .failure(let refusal as AccessRefusal):
                throw HTTPError(.forbidden, message: refusal.text(caller.language))
            case .failure(let error):
                throw error
            }
        }
        router.post("/admin/sso/:id/disable") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            let id = context.parameters.get("id") ?? "", rights = caller.rights, actor = caller.identity.userID
            let clients = portal.ssoClients
            if let refusal = try await console.attempt({ try clients.disable(id, rights: rights, by: actor) }) {
                throw HTTPError(.forbidden, message: refusal.text(caller.language))
            }
            return console.redirect("/admin/sso")
        }
        router.post("/admin/sso/keys/rotate") { request, context in
            let caller = try await console.authorityOrPlatformAdmin(request, context, refusal: Self.refusal)
            guard caller.rights.isPlatformAdmin else {
                throw HTTPError(.forbidden, message: "only platform admins rotate the signing keys")
            }
            let keys = portal.signingKeys, actor = caller.identity.userID
            _ = try await console.attempt { try keys.rotate(by: actor) }
            return console.redirect("/admin/sso", notice: "keys_rotated")
        }
    }

    private func page(
        _ console: Console, _ context: PortalRequestContext, caller: Console.Caller, notice: String?, isError: Bool,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let rights = caller.rights
        let registry = portal.ssoClients
        let clients = try await portal.pool.run { Result { try registry.clients(managedBy: rights) } }.get()
        let directory = portal.directory
        let (schools, authorities) = try await console.run {
            (try Console.authoritySchools(directory, rights), try directory.authorityNames())
        }
        let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
        let body = SSOClientsPage(html: html).render(
            clients: clients, schools: schools, authorities: rights.isPlatformAdmin ? authorities : [],
            isPlatformAdmin: rights.isPlatformAdmin)
        return await console.page("sso.title", body, caller: caller, context: context, notice: notice, isError: isError, status: status)
    }
}
