// ModuleRoutes: /admin/modules — authority and platform admins enable apps per school and pick their versions.
import CartableText
import Foundation
import GRDB
import Hummingbird
import Logging

/// The matrix of the admin's schools × installed apps. Only authority admins (for their
/// authority's schools) and platform admins (every school) may see or change it; each
/// change is CSRF-protected (middleware), checked against the admin's scope, and audited.
struct ModuleRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        router.get("/admin/modules") { request, context in
            let identity = try requireIdentity(context)
            let message = request.uri.queryParameters.get("saved") != nil ? "modules.saved" : nil
            return try await page(request, context: context, adminID: identity.userID, message: message.map { ($0, []) }, isError: false, status: .ok)
        }
        router.post("/admin/modules") { request, context in
            let identity = try requireIdentity(context)
            var request = request
            let form = parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
            let schoolID = form["school"] ?? "", pluginID = form["plugin"] ?? "", choice = form["choice"] ?? ""
            let rights = try await rights(of: identity.userID)
            guard rights.isPlatformAdmin || !rights.authorityIDs.isEmpty else {
                throw HTTPError(.forbidden, message: "only authority and platform admins choose the apps of their own schools")
            }
            // "all": every school the admin chooses apps for, at once.
            let schoolIDs = schoolID == "all" ? try await managedSchools(rights) : [schoolID]
            guard !schoolIDs.isEmpty, schoolIDs.allSatisfy({ rights.administers(school: $0) }) else {
                throw HTTPError(.forbidden, message: "only authority and platform admins choose the apps of their own schools")
            }
            guard !choice.isEmpty else { return Response(status: .seeOther, headers: [.location: "/admin/modules"]) }
            let manifests = portal.plugins.loaded.filter { $0.id == pluginID }.map(\.manifest)
            guard !manifests.isEmpty else { throw HTTPError(.badRequest, message: "no installed app '\(pluginID)'") }
            let enablement = ModuleEnablement(database: portal.database)
            let outcome = await portal.pool.run {
                Result {
                    switch choice {
                    case "off": try enablement.disable(pluginID: pluginID, schoolIDs: schoolIDs, by: identity.userID)
                    case "newest": try enablement.enable(manifests, schoolIDs: schoolIDs, by: identity.userID)
                    default: try enablement.enable(manifests, version: choice, schoolIDs: schoolIDs, by: identity.userID)
                    }
                }
            }
            portal.modules.invalidate()
            portal.sessionCache.forgetAll()
            switch outcome {
            case .success:
                return Response(status: .seeOther, headers: [.location: "/admin/modules?saved=1"])
            case .failure(let refusal as AccessRefusal):
                return try await page(request, context: context, adminID: identity.userID, message: (refusal.description, []), isError: true, status: .conflict)
            case .failure(let error):
                throw error
            }
        }
    }

    private func requireIdentity(_ context: PortalRequestContext) throws -> CallerIdentity {
        guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
        return identity
    }

    private func rights(of userID: String) async throws -> AdminRights {
        let database = portal.database
        return try await portal.pool.run { Result { try database.pool.read { try AdminRights.load($0, userID: userID) } } }.get()
    }

    /// The schools whose apps the admin chooses: those of their authorities, or every school for a platform admin.
    private func managedSchools(_ rights: AdminRights) async throws -> [String] {
        let database = portal.database
        return try await portal.pool.run {
            Result {
                try database.pool.read { db in
                    try Row.fetchAll(db, sql: "SELECT id, authority_id FROM schools ORDER BY name")
                        .filter { rights.isPlatformAdmin || rights.authorityIDs.contains($0["authority_id"]) }.map { $0["id"] as String }
                }
            }
        }.get()
    }

    /// The matrix for the admin's schools; `message` is a locale key or a refusal's text.
    private func page(
        _ request: Request, context: PortalRequestContext, adminID: String, message: (String, [String])?, isError: Bool, status: HTTPResponse.Status
    ) async throws -> Response {
        let rights = try await rights(of: adminID)
        guard rights.isPlatformAdmin || !rights.authorityIDs.isEmpty else {
            throw HTTPError(.forbidden, message: "only authority and platform admins choose the apps of a school")
        }
        let database = portal.database
        let pluginIDs = portal.plugins.serving.map(\.id)
        let rows = try await portal.pool.run {
            Result { () throws -> [ModulesPage.Row] in
                try database.pool.read { db in
                    let schools = try Row.fetchAll(db, sql: "SELECT id, uai, name, pilot, authority_id FROM schools ORDER BY name")
                        .filter { rights.isPlatformAdmin || rights.authorityIDs.contains($0["authority_id"]) }
                    let usage = try ModuleUsage.figures(db, schoolIDs: schools.map { $0["id"] }, pluginIDs: pluginIDs)
                    var cells: [String: [String: ModulesPage.Cell]] = [:]
                    for row in try Row.fetchAll(db, sql: "SELECT school_id, plugin_id, version FROM plugin_enablement") {
                        cells[row["school_id"], default: [:]][row["plugin_id"]] = ModulesPage.Cell(enabled: true, version: row["version"])
                    }
                    return schools.map {
                        ModulesPage.Row(schoolID: $0["id"], uai: $0["uai"], name: $0["name"], pilot: $0["pilot"], cells: cells[$0["id"]] ?? [:], usage: usage[$0["id"]] ?? [:])
                    }
                }
            }
        }.get()
        let columns = portal.plugins.serving.map { plugin in
            ModulesPage.Column(
                id: plugin.id, name: plugin.manifest.name,
                versions: portal.plugins.loaded.filter { $0.id == plugin.id }.map(\.version).sorted(),
                experimental: plugin.manifest.stability == .experimental)
        }
        let language = Localizer.negotiate(acceptLanguage: request.headers[.acceptLanguage])
        let text = message.map { key, _ in key.hasPrefix("modules.") ? portal.localizer.text(key, language) : key }
        let body = ModulesPage(localizer: portal.localizer, language: language).render(rows: rows, columns: columns, csrf: context.csrfToken, message: text, isError: isError)
        return .html(portal.page(title: portal.localizer.text("modules.title", language), fragment: body, language: language, context: context), status: status)
    }
}
