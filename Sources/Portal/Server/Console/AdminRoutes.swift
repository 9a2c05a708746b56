// AdminRoutes: /admin/audit (the audit log) and /admin/users/<id>/anonymize, each within the admin's scope.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import Logging
import PluginRuntime

/// Admin pages that identity needs; the full console comes with access control. Every
/// route checks the caller's admin functions: non-admins get 403, and an admin acting on
/// someone outside their schools gets 403 too.
struct AdminRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/admin/audit") { request, context in
            let identity = try requireIdentity(context)
            let before = request.uri.queryParameters.get("before").flatMap(Int64.init)
            let action = request.uri.queryParameters.get("action") ?? ""
            let portal = self.portal
            let entries = try await portal.pool.run {
                Result { try portal.auditPage(forAdmin: identity.userID, before: before, action: action) }
            }.get()
            guard let entries else { throw HTTPError(.forbidden, message: "only admins read the audit log") }
            let language = context.language(request)
            let body = AdminPages(localizer: portal.localizer, language: language).audit(entries, action: action)
            return Response.html(
                await portal.page(
                    title: portal.localizer.text("audit.title", language), fragment: body, language: language, context: context))
        }
        let console = Console(portal: portal)
        router.post("/admin/users/:id/reset-code") { request, context in
            // An admin gives a user a new single-use code to choose a password again.
            let caller = try await console.caller(request, context)
            let userID = context.parameters.get("id") ?? ""
            try await console.requireAct("reset-code", on: userID, caller: caller, address: context.address)
            let authenticator = portal.authenticator, actor = caller.identity.userID
            let code = try await portal.pool.run { Result { try authenticator.issueResetCode(userID: userID, by: actor) } }.get()
            let text = console.text("admin.reset_code_done", caller, code)
            return await console.page("admin.reset_code", ConsoleHTML.paragraph(text, role: "status"), caller: caller, context: context)
        }
        router.post("/admin/users/:id/revoke-sessions") { request, context in
            // Ends every session of a user (a lost phone, a shared computer).
            let caller = try await console.caller(request, context)
            let userID = context.parameters.get("id") ?? ""
            try await console.requireAct("revoke-sessions", on: userID, caller: caller, address: context.address)
            let sessions = portal.sessions, cache = portal.sessionCache, address = context.address, actor = caller.identity.userID
            let ended = try await portal.pool.run {
                Result { () throws -> Int in
                    let count = try sessions.revokeAll(userID: userID, by: actor, address: address)
                    cache.forget(userID: userID)
                    return count
                }
            }.get()
            let text = console.text("admin.revoked", caller, String(ended))
            return await console.page(
                "admin.revoke_sessions", ConsoleHTML.paragraph(text, role: "status"), caller: caller, context: context)
        }
        router.get("/admin/users/:id/anonymize") { request, context in
            let identity = try requireIdentity(context)
            let userID = context.parameters.get("id") ?? ""
            let name = try await nameIfAdministered(userID, by: identity)
            return await confirmation(request, context: context, userID: userID, name: name, error: nil, status: .ok)
        }
        router.post("/admin/users/:id/anonymize") { request, context in
            let identity = try requireIdentity(context)
            let userID = context.parameters.get("id") ?? ""
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let name = try await nameIfAdministered(userID, by: identity)
            let language = context.language(request)
            guard form["confirm"] == "1" else {
                return await confirmation(
                    request, context: context, userID: userID, name: name,
                    error: portal.localizer.text("admin.confirm_required", language), status: .badRequest)
            }
            let portal = self.portal, address = context.address
            let personalData = portal.personalData
            let admin = PluginCaller(identity: identity)
            let outcome = await portal.blocking.run {
                Result {
                    let rights = try portal.adminRights(userID: identity.userID)
                    try personalData.anonymize(userID: userID, admin: admin, rights: rights, address: address)
                }
            }
            portal.sessionCache.forget(userID: userID)
            switch outcome {
            case .success:
                return .html(
                    await portal.page(
                        title: portal.localizer.text("admin.anonymized_title", language),
                        fragment: ConsoleHTML.paragraph(portal.localizer.text("admin.anonymized", language), role: "status"),
                        language: language, context: context))
            case .failure(let refusal as Anonymizer.Refusal):
                return await confirmation(
                    request, context: context, userID: userID, name: name, error: portal.localizer.text(refusal.key, language),
                    status: .conflict)
            case .failure(let failure as PersonalData.Failure):
                portal.logger.error("anonymization of \(userID) stopped: \(failure)")
                return await confirmation(
                    request, context: context, userID: userID, name: name,
                    error: portal.localizer.text("admin.erase_failed", language, failure.description), status: .badGateway)
            case .failure(let error):
                throw error
            }
        }
    }

    private func requireIdentity(_ context: PortalRequestContext) throws -> CallerIdentity {
        guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
        return identity
    }

    /// The user's display name when the caller administers them; 403 otherwise, 404 when absent.
    private func nameIfAdministered(_ userID: String, by identity: CallerIdentity) async throws -> String {
        let portal = self.portal
        let (name, refusal) = try await portal.pool.run { Result { try portal.standing(of: identity.userID, toActOn: userID) } }.get()
        guard let name else { throw HTTPError(.notFound, message: "no such user") }
        if let refusal { throw HTTPError(.forbidden, message: "no anonymization of this account: \(refusal.description)") }
        return name
    }

    private func confirmation(
        _ request: Request, context: PortalRequestContext, userID: String, name: String, error: String?, status: HTTPResponse.Status
    ) async -> Response {
        let language = context.language(request)
        let body = AdminPages(localizer: portal.localizer, language: language).confirmAnonymize(
            userID: userID, name: name, csrf: context.csrfToken, error: error)
        return .html(
            await portal.page(
                title: portal.localizer.text("admin.anonymize_title", language), fragment: body, language: language, context: context),
            status: status)
    }
}
