// AccountConsoleRoutes: a school's accounts — list and search, block and unblock, and the activation codes to hand out.
import CartableText
import Foundation
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

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
            let directory = portal.directory
            let bulk = portal.bulkAccounts
            let (accounts, classes) = try await console.run {
                (
                    try directory.accounts(
                        schoolID: school.id, query: query, className: className, offset: offset, limit: AccountsPage.pageSize),
                    try bulk.classes(schoolID: school.id)
                )
            }
            let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
            let body =
                "<p>\(html.t("console.school_of", school.name, school.uai))</p>"
                + AccountsPage(html: html).render(
                    schoolID: school.id, accounts: accounts, query: query, className: className, offset: offset, classes: classes)
            return await console.page("console.accounts", body, caller: caller, context: context, notice: console.notice(request, caller))
        }
        router.get("/admin/schools/:id/activation-codes.csv") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            let export = portal.activationCodes
            let csv = try await portal.pool.run { Result { try export.csv(schoolUAI: school.uai, actor: caller.identity.userID) } }.get()
            return console.codesDownload(csv, uai: school.uai)
        }
        let blocking = portal.accountBlocking
        router.get("/admin/users/:id/block") { request, context in
            // Blocking asks first: one click never locks a person out.
            let caller = try await console.caller(request, context)
            let userID = context.parameters.get("id") ?? ""
            try await console.requireAct("block", on: userID, caller: caller, address: context.address)
            return try await confirmation(
                console, caller: caller, context: context, userID: userID,
                school: request.uri.queryParameters.get("school").map { String($0) }, error: nil)
        }
        for (path, block) in [("/admin/users/:id/block", true), ("/admin/users/:id/unblock", false)] {
            router.post(RouterPath(path)) { request, context in
                let caller = try await console.caller(request, context)
                let userID = context.parameters.get("id") ?? ""
                let form = try await console.form(request)
                try await console.requireAct(block ? "block" : "unblock", on: userID, caller: caller, address: context.address)
                if block, form["confirm"] != "1" {
                    return try await confirmation(
                        console, caller: caller, context: context, userID: userID, school: form["school"],
                        error: console.text("admin.block_confirm_required", caller))
                }
                let actor = caller.identity.userID, address = context.address
                let refusal = try await console.attempt {
                    if block {
                        try blocking.block(userID: userID, by: actor, address: address)
                    } else {
                        try blocking.unblock(userID: userID, by: actor, address: address)
                    }
                }
                portal.sessionCache.forget(userID: userID)
                let back = Self.back(form["school"], caller)
                if let refusal {
                    return await console.page(
                        "console.accounts", "<p>\(console.link(back, "console.back", caller))</p>", caller: caller, context: context,
                        notice: refusal.text(caller.language), isError: true, status: .conflict)
                }
                return console.redirect(back, notice: block ? "blocked" : "unblocked")
            }
        }
    }

    /// The accounts page of `school` when the caller administers it, else the console.
    private static func back(_ school: String?, _ caller: Console.Caller) -> String {
        school.flatMap { caller.rights.administers(school: $0) ? "/admin/schools/\($0)/accounts" : nil } ?? "/admin"
    }

    /// The page that asks an admin to confirm a block (400 when it comes back unconfirmed).
    private func confirmation(
        _ console: Console, caller: Console.Caller, context: PortalRequestContext, userID: String, school: String?, error: String?
    ) async throws -> Response {
        let directory = portal.directory
        let name = try await portal.pool.run { Result { try directory.displayName(userID: userID) } }.get() ?? ""
        let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
        let body = AccountsPage(html: html).confirmBlock(userID: userID, name: name, school: school ?? "", back: Self.back(school, caller))
        return await console.page(
            "admin.block_title", body, caller: caller, context: context, notice: error, isError: error != nil,
            status: error == nil ? .ok : .badRequest)
    }
}
