// BulkAccountRoutes: /admin/schools/<id>/accounts/bulk — new codes, a block or a move to another class for the accounts an admin ticked.
import CartableText
import Foundation
import HostDomain
import HostStorage
import Hummingbird
import PluginRuntime

/// The school must be the admin's, and every ticked account in their reach (each refusal is
/// audited): otherwise nothing happens to any of them.
struct BulkAccountRoutes {
    let portal: Portal

    func register(on router: Router<PortalRequestContext>) {
        let console = Console(portal: portal)
        router.post("/admin/schools/:id/accounts/bulk") { request, context in
            let caller = try await console.caller(request, context)
            let school = try await console.school(context.parameters.get("id") ?? "", of: caller)
            let form = try await console.form(request)
            let userIDs = form.compactMap { $0.value == "1" && $0.key.hasPrefix("user:") ? String($0.key.dropFirst(5)) : nil }.sorted()
            let back = "/admin/schools/\(school.id)/accounts"
            guard !userIDs.isEmpty, userIDs.count <= BulkAccounts.maximum else {
                return await console.page(
                    "console.accounts", "<p>\(console.link(back, "console.back", caller))</p>", caller: caller, context: context,
                    notice: console.text("bulk.none_selected", caller), isError: true, status: .badRequest)
            }
            let action = form["action"] ?? ""
            let act = ["codes": "reset-code", "block": "block", "move": "move-class"][action]
            guard let act else { throw HTTPError(.badRequest, message: "unknown bulk action '\(action)'") }
            // Every account first: one outside the admin's reach stops the batch before anything changes.
            for userID in userIDs { try await console.requireAct(act, on: userID, caller: caller, address: context.address) }
            let bulk = portal.bulkAccounts, actor = caller.identity.userID, address = context.address
            switch action {
            case "codes":
                let csv = try await console.run { try bulk.codes(for: userIDs, schoolID: school.id, by: actor, address: address) }
                return console.codesDownload(csv, uai: school.uai)
            case "block":
                guard form["confirm"] == "1" else {
                    let directory = portal.directory
                    let people = try await console.run {
                        try userIDs.map { (id: $0, name: try directory.displayName(userID: $0) ?? $0) }
                    }
                    let html = ConsoleHTML(localizer: portal.localizer, language: caller.language, csrf: context.csrfToken)
                    return await console.page(
                        "admin.block_title", AccountsPage(html: html).confirmBulkBlock(schoolID: school.id, people: people), caller: caller,
                        context: context)
                }
                _ = try await console.run { try bulk.block(userIDs, by: actor, address: address) }
                for userID in userIDs { portal.sessionCache.forget(userID: userID) }
                return console.redirect(back, notice: "bulk_blocked")
            default:
                let classID = form["class"] ?? ""
                if let refusal = try await console.attempt({
                    try bulk.move(userIDs, toClass: classID, schoolID: school.id, by: actor, address: address)
                }) {
                    return await console.page(
                        "console.accounts", "<p>\(console.link(back, "console.back", caller))</p>", caller: caller, context: context,
                        notice: refusal.text(caller.language), isError: true, status: .conflict)
                }
                for userID in userIDs { portal.sessionCache.forget(userID: userID) }
                return console.redirect(back, notice: "bulk_moved")
            }
        }
    }
}
