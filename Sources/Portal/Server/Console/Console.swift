// Console: what every /admin route shares — the calling admin and their scope, database work off the event loop, forms and pages.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
import Hummingbird
import PluginRuntime

/// Helpers for the admin console's routes. Every route starts with ``caller(_:_:)``: 401 for
/// anonymous callers, 403 for users with no admin function; a route about one school then
/// calls ``school(_:of:)``, which answers 403 outside the admin's schools.
struct Console {
    let portal: Portal

    struct Caller {
        let identity: CallerIdentity
        let rights: AdminRights
        let language: String
    }

    typealias School = Directory.School

    func caller(_ request: Request, _ context: PortalRequestContext) async throws -> Caller {
        guard let identity = context.identity else { throw HTTPError(.unauthorized, message: "log in first") }
        let portal = self.portal
        let rights = try await run { try portal.adminRights(userID: identity.userID) }
        guard rights.isAdmin else { throw HTTPError(.forbidden, message: "the console is for platform, authority and school admins") }
        return Caller(identity: identity, rights: rights, language: context.language(request))
    }

    /// A platform or authority admin; 403 with `refusal` (for the log) for anyone else.
    func authorityOrPlatformAdmin(_ request: Request, _ context: PortalRequestContext, refusal: String) async throws -> Caller {
        let caller = try await caller(request, context)
        guard caller.rights.isPlatformAdmin || !caller.rights.authorityIDs.isEmpty else { throw HTTPError(.forbidden, message: refusal) }
        return caller
    }

    /// The school `id` if the caller administers it; 404 when it does not exist, 403 outside their scope.
    func school(_ id: String, of caller: Caller) async throws -> School {
        let directory = portal.directory
        let school = try await run { try directory.school(id: id) }
        guard let school else { throw HTTPError(.notFound, message: "no such school") }
        guard caller.rights.administers(school: id) else { throw HTTPError(.forbidden, message: "you do not administer this school") }
        return school
    }

    /// Lets `act` on `userID`'s account go ahead when the caller may act on that person
    /// (``AdminRights/refusal(toActOn:adminID:storage:)``); otherwise the refusal is audited and
    /// shown in the caller's language: 404 for no account, 403 for the rest.
    func requireAct(_ act: String, on userID: String, caller: Caller, address: String) async throws {
        let portal = self.portal, rights = caller.rights, adminID = caller.identity.userID
        let outcome = await portal.pool.run {
            Result { try portal.requireAct(act, on: userID, rights: rights, adminID: adminID, address: address) }
        }
        if case .failure(let refusal as AccountActRefusal) = outcome {
            throw PageError(refusal == .noAccount ? .notFound : .forbidden, text(refusal.key, caller))
        }
        try outcome.get()
    }

    /// The schools whose apps and tools the admin chooses: those of their authorities, every school for a platform admin.
    static func authoritySchools(_ directory: Directory, _ rights: AdminRights) throws -> [Directory.School] {
        try directory.schools().filter { rights.administers(authority: $0.authorityID) }
    }

    /// Runs `work` (which reads or writes through the domain's services) off the event loop.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await portal.pool.run { Result { try work() } }.get()
    }

    /// Runs `work` off the event loop; an ``AccessRefusal`` comes back as a failure to show, other errors are thrown.
    func attempt(_ work: @escaping @Sendable () throws -> Void) async throws -> AccessRefusal? {
        switch await portal.pool.run({ Result { try work() } }) {
        case .success: return nil
        case .failure(let refusal as AccessRefusal): return refusal
        case .failure(let error): throw error
        }
    }

    func form(_ request: Request) async throws -> [String: String] {
        var request = request
        return parseFormURLEncoded(String(buffer: try await request.collectBody(upTo: AuthRoutes.maxFormBytes)))
    }

    func text(_ key: String, _ caller: Caller, _ arguments: String...) -> String {
        portal.localizer.text(key, caller.language, arguments: arguments)
    }

    /// A console page inside the portal shell; `notice` is shown as a status, or as an alert when `isError`.
    func page(
        _ titleKey: String, _ body: HTML, caller: Caller, context: PortalRequestContext, notice: String? = nil, isError: Bool = false,
        status: HTTPResponse.Status = .ok
    ) async -> Response {
        let banner = notice.map { ConsoleHTML.paragraph($0, role: isError ? "alert" : "status", className: isError ? "error" : "notice") }
        let crumbs = [(text("portal.home", caller), "/"), (text("admin.title", caller), "/admin")]
        return .html(
            await portal.page(
                title: text(titleKey, caller), fragment: "\(banner)\(body)", language: caller.language, context: context,
                breadcrumbs: titleKey == "admin.title" ? [crumbs[0]] : crumbs), status: status)
    }

    /// Back to `path` after a change, with a notice key the page shows.
    /// A CSV of activation codes to save, never kept by a cache.
    func codesDownload(_ csv: String, uai: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"codes-\(uai).csv\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: .init(string: csv)))
    }

    func redirect(_ path: String, notice: String = "saved") -> Response {
        Response(status: .seeOther, headers: [.location: path + (path.contains("?") ? "&" : "?") + "notice=\(notice)"])
    }

    /// The notice a redirect asked the page to show.
    func notice(_ request: Request, _ caller: Caller) -> String? {
        request.uri.queryParameters.get("notice").map { text("console.notice.\($0)", caller) }
    }
}

extension Console {
    /// A link to `path` with a localized label, escaped.
    func link(_ path: String, _ key: String, _ caller: Caller) -> HTML {
        ConsoleHTML.link(path, text(key, caller))
    }
}
