// AccountConsoleRoutes: a school's accounts — list and search, block and unblock, and the activation codes to hand out.
import CartableText
import Foundation
import GRDB
import Hummingbird

/// Listing and the codes export need the school in the path to be administered by the
/// caller; blocking needs the account to be a current member of one of the caller's schools
/// (the same reach as a reset code).
struct AccountConsoleRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.get("/admin/schools/:id/accounts") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            // Browsers send a GET form's spaces as `+`: read the query as a form.
            let parameters = parseFormURLEncoded(request.uri.query ?? "")
            let query = String((parameters["q"] ?? "").prefix(100)), className = String((parameters["class"] ?? "").prefix(100))
            let offset = max(0, parameters["offset"].flatMap(Int.init) ?? 0)
            let accounts = try await console.read { db in try Self.accounts(db, schoolID: school.id, query: query, className: className, offset: offset) }
            let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
            let body = "<p>\(html.t("console.school_of", school.name, school.uai))</p>"
                + AccountsPage(html: html).render(schoolID: school.id, accounts: accounts, query: query, className: className, offset: offset)
            return await console.page("console.accounts", body, caller: caller, context: context, notice: console.notice(request, caller))
        }
        router.get("/admin/schools/:id/activation-codes.csv") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            let export = ActivationCodeExport(database: portal.database)
            let csv = try await portal.pool.run { Result { try export.csv(schoolUAI: school.uai, actor: caller.identity.userID) } }.get()
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"codes-\(school.uai).csv\"", .cacheControl: "no-store"],
                body: .init(byteBuffer: .init(string: csv)))
        }
        let blocking = AccountBlocking(database: portal.database)
        for (path, block) in [("/admin/users/:id/block", true), ("/admin/users/:id/unblock", false)] {
            router.post(RouterPath(path)) { request, context in
                let caller = try await console.caller(request, context)
                let userID = context.parameters.get("id") ?? ""
                let form = try await console.form(request)
                let reachable = try await console.read { db in
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) == nil ? nil : try caller.rights.reaches(user: userID, db)
                }
                guard let reachable else { throw HTTPError(.notFound, message: "no such user") }
                guard reachable else { throw HTTPError(.forbidden, message: "this user is not in a school you administer") }
                let actor = caller.identity.userID, address = context.address
                let refusal = try await console.attempt {
                    if block { try blocking.block(userID: userID, by: actor, address: address) } else { try blocking.unblock(userID: userID, by: actor, address: address) }
                }
                portal.sessionCache.forget(userID: userID)
                let school = form["school"].flatMap { caller.rights.administers(school: $0) ? $0 : nil }
                let back = school.map { "/admin/schools/\($0)/accounts" } ?? "/admin"
                if let refusal { return await console.page("console.accounts", "<p>\(console.link(back, "console.back", caller))</p>", caller: caller, context: context,
                                                     notice: refusal.text(caller.language), isError: true, status: .conflict) }
                return console.redirect(back, notice: block ? "blocked" : "unblocked")
            }
        }
    }

    /// A page of the school's current members whose login or name contains `query`, in the class `className` when not empty.
    static func accounts(_ db: GRDB.Database, schoolID: String, query: String, className: String, offset: Int) throws -> [AccountsPage.Account] {
        let pattern = "%" + query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try Row.fetchAll(db, sql: """
            SELECT u.id, u.login, u.display_name, u.profile, u.state,
                   (SELECT group_concat(c.name, ', ') FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?) AS classes
            FROM users u JOIN user_schools us ON us.user_id = u.id
            WHERE us.school_id = ? AND us.detached_at IS NULL
              AND (? = '' OR u.login LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')
              AND (? = '' OR u.id IN (SELECT uc.user_id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE c.school_id = ? AND c.name = ?))
            ORDER BY u.profile, u.last_name, u.first_name, u.login LIMIT ? OFFSET ?
            """, arguments: [schoolID, schoolID, query, pattern, pattern, className, schoolID, className, AccountsPage.pageSize, offset]).map {
            AccountsPage.Account(id: $0["id"], login: $0["login"], name: $0["display_name"], profile: $0["profile"], classes: $0["classes"] ?? "", state: $0["state"])
        }
    }
}
