// AccountsPage: /admin/schools/<id>/accounts — a school's accounts with search, paging and the admin's buttons.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage

struct AccountsPage {
    let html: ConsoleHTML
    static let pageSize = 50

    typealias Account = Directory.Account

    func render(
        schoolID: String, accounts: [Account], query: String, className: String, offset: Int, classes: [(id: String, name: String)] = []
    ) -> HTML {
        let base = "/admin/schools/\(schoolID)/accounts"
        let search: HTML = """
            <form method="get" action="\(base)" role="search"><p><label for="q">\(html.t("console.search"))</label> \
            <input id="q" name="q" type="search" value="\(query)"> \
            <label for="class">\(html.t("console.class"))</label> <input id="class" name="class" value="\(className)"> \
            <button type="submit">\(html.t("console.search_button"))</button></p></form>
            """
        let rows = accounts.map { account -> [HTML] in
            let back = [("school", schoolID)]
            var buttons: [HTML] = []
            switch account.state {
            case "blocked":
                buttons.append(
                    html.button("/admin/users/\(account.id)/unblock", label: html.t("console.unblock", account.name), hidden: back))
            case "anonymized": break
            // Blocking goes through a confirmation page.
            default:
                buttons.append(
                    html.link(
                        "/admin/users/\(account.id)/block?school=\(schoolID)",
                        html.localizer.text("console.block", html.language, account.name)))
            }
            if account.state != "anonymized" {
                buttons.append(html.button("/admin/users/\(account.id)/reset-code", label: html.t("console.reset_code", account.name)))
                buttons.append(
                    html.button("/admin/users/\(account.id)/revoke-sessions", label: html.t("console.end_sessions", account.name)))
            }
            // The checkbox belongs to the bulk form below the table (rows hold forms of their own).
            let select: HTML =
                account.state == "anonymized"
                ? ""
                : """
                <input type="checkbox" form="bulk" id="select-\(account.id)" name="user:\(account.id)" value="1">\
                <label class="visually-hidden" for="select-\(account.id)">\(html.t("bulk.select", account.name))</label>
                """
            return [
                select, html.link("/profile/\(account.id)", account.name), HTML(text: account.login),
                html.t("console.profile.\(account.profile)"),
                HTML(text: account.classes), html.t("console.state.\(account.state)"), buttons.joined(separator: " "),
            ]
        }
        let table = html.table(
            caption: html.t("console.accounts"),
            headers: [
                "<span class=\"visually-hidden\">\(html.t("bulk.selection"))</span>", html.t("console.name"), html.t("console.login"),
                html.t("console.profile"), html.t("console.classes"),
                html.t("console.state"), "",
            ],
            rows: rows, empty: html.t("console.no_accounts"))
        var pager: [HTML] = []
        let q =
            (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&class="
            + (className.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        if offset > 0 {
            pager.append("<a href=\"\(base)?q=\(q)&amp;offset=\(max(0, offset - Self.pageSize))\">\(html.t("console.previous"))</a>")
        }
        if accounts.count == Self.pageSize {
            pager.append("<a href=\"\(base)?q=\(q)&amp;offset=\(offset + Self.pageSize)\">\(html.t("console.next"))</a>")
        }
        let codes: HTML =
            "<p>\(html.link("/admin/schools/\(schoolID)/activation-codes.csv", html.localizer.text("console.activation_codes", html.language)))</p>"
        let pages: HTML =
            pager.isEmpty ? "" : "<nav aria-label=\"\(html.t("console.pages"))\"><p>\(pager.joined(separator: " · "))</p></nav>"
        return search + codes + table + bulkForm(schoolID: schoolID, classes: classes) + pages
    }

    /// What to do with the accounts ticked in the table.
    private func bulkForm(schoolID: String, classes: [(id: String, name: String)]) -> HTML {
        let actions = ["codes", "block", "move"].map { "<option value=\"\($0)\">\(html.t("bulk.action.\($0)"))</option>" as HTML }
        let classOptions = classes.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }
        return """
            <form method="post" action="/admin/schools/\(schoolID)/accounts/bulk" id="bulk" class="bulk">\
            <input type="hidden" name="_csrf" value="\(html.csrf)">
            <fieldset><legend>\(html.t("bulk.legend"))</legend>
            <p><label for="bulk-action">\(html.t("bulk.action"))</label> <select id="bulk-action" name="action">\(actions)</select>
            <label for="bulk-class">\(html.t("bulk.class"))</label> <select id="bulk-class" name="class">\(classOptions)</select>
            <button type="submit">\(html.t("bulk.submit"))</button></p></fieldset></form>
            """
    }

    /// Asks to confirm blocking the accounts of `people` (id, name), carrying them in hidden fields.
    func confirmBulkBlock(schoolID: String, people: [(id: String, name: String)]) -> HTML {
        let hidden = people.map { "<input type=\"hidden\" name=\"user:\($0.id)\" value=\"1\">" as HTML }
        let names = people.map { "<li>\($0.name)</li>" as HTML }
        return """
            <form method="post" action="/admin/schools/\(schoolID)/accounts/bulk">\
            <input type="hidden" name="_csrf" value="\(html.csrf)"><input type="hidden" name="action" value="block">\(hidden)
            <h2>\(HTML(text: html.localizer.plural("bulk.block_question", count: people.count, html.language)))</h2><ul>\(names)</ul>
            <p>\(html.t("admin.block_explain"))</p>
            <p><input type="checkbox" id="block-confirm" name="confirm" value="1" required> <label for="block-confirm">\(html.t("admin.block_confirm"))</label></p>
            <p><button type="submit" class="danger">\(html.t("admin.block_submit"))</button> \
            \(html.link("/admin/schools/\(schoolID)/accounts", html.localizer.text("console.back", html.language)))</p></form>
            """
    }

    /// Asks to confirm blocking `name`'s account.
    func confirmBlock(userID: String, name: String, school: String, back: String) -> HTML {
        """
        <form method="post" action="/admin/users/\(userID)/block">\
        <input type="hidden" name="_csrf" value="\(html.csrf)"><input type="hidden" name="school" value="\(school)">
        <h2>\(html.t("admin.block_question", name))</h2><p>\(html.t("admin.block_explain"))</p>
        <p><input type="checkbox" id="block-confirm" name="confirm" value="1" required> <label for="block-confirm">\(html.t("admin.block_confirm"))</label></p>
        <p><button type="submit">\(html.t("admin.block_submit"))</button> \(html.link(back, html.localizer.text("console.back", html.language)))</p></form>
        """
    }
}
