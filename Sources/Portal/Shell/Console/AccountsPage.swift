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

    func render(schoolID: String, accounts: [Account], query: String, className: String, offset: Int) -> HTML {
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
            return [
                html.link("/profile/\(account.id)", account.name), HTML(text: account.login), html.t("console.profile.\(account.profile)"),
                HTML(text: account.classes), html.t("console.state.\(account.state)"), buttons.joined(separator: " "),
            ]
        }
        let table = html.table(
            caption: html.t("console.accounts"),
            headers: [
                html.t("console.name"), html.t("console.login"), html.t("console.profile"), html.t("console.classes"),
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
        return search + codes + table + pages
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
