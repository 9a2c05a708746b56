// SchoolPage: /admin/schools/<id> — a school's classes, groups (manual ones edited here) and roles with their grants.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage

struct SchoolPage {
    let html: ConsoleHTML
    /// A right's name in the reader's language (its id when the plugin names none).
    var actionName: (String) -> String = { $0 }

    typealias Overview = SchoolOverview

    func render(school: Console.School, overview: Overview, actions: [String]) -> HTML {
        let base = "/admin/schools/\(school.id)"
        let text = { (key: String) in html.localizer.text(key, html.language) }
        let links: HTML = """
            <p>\(html.link("\(base)/accounts", text("console.accounts"))) · \(html.link("\(base)/import", text("console.import"))) · \
            \(html.link("\(base)/activation-codes.csv", text("console.activation_codes")))</p>
            """
        return links + classes(overview.classes, base: base) + groups(overview.groups, base: base)
            + roles(overview, base: base, actions: actions)
    }

    private func classes(_ classes: [Overview.Class], base: String) -> HTML {
        let table = html.table(
            caption: html.t("console.classes"), headers: [html.t("console.name"), html.t("console.level"), html.t("console.members")],
            rows: classes.map {
                [
                    html.link(
                        "\(base)/accounts?class=\($0.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", $0.name),
                    HTML(text: $0.level ?? ""), html.number($0.members),
                ]
            }, empty: html.t("console.no_classes"))
        return """
            <section aria-labelledby="classes"><h2 id="classes">\(html.t("console.classes"))</h2><p>\(html.t("console.classes_help"))</p>\(table)</section>
            """
    }

    private func groups(_ groups: [Overview.Group], base: String) -> HTML {
        let manual = groups.filter(\.manual).map { group -> HTML in
            let members = group.members.map { member -> HTML in
                let remove = html.button(
                    "\(base)/groups/\(group.id)/members/\(member.id)/remove", label: html.t("console.remove_member", member.name))
                return "<li>\(member.name) (\(member.login)) \(remove)</li>"
            }
            let field = "member-\(group.id)"
            let add = html.form(
                "\(base)/groups/\(group.id)/members",
                """
                <p><label for="\(field)">\(html.t("console.member_login"))</label> <input id="\(field)" name="login" required> \
                <button type="submit">\(html.t("console.add_member"))</button></p>
                """)
            let delete = html.button("\(base)/groups/\(group.id)/delete", label: html.t("console.delete_group", group.name))
            return "<h3>\(group.name)</h3><ul>\(members)</ul>\(add)\(delete)"
        }
        let create = html.form(
            "\(base)/groups",
            """
            <fieldset><legend>\(html.t("console.new_group"))</legend>\(html.field("group-name", name: "name", label: html.t("console.name")))\
            <p><button type="submit">\(html.t("console.create"))</button></p></fieldset>
            """)
        let list: HTML = manual.isEmpty ? "<p>\(html.t("console.no_groups"))</p>" : manual.joined()
        return "<section aria-labelledby=\"groups\"><h2 id=\"groups\">\(html.t("console.groups"))</h2>\(list)\(create)</section>"
    }

    private func roles(_ overview: Overview, base: String, actions: [String]) -> HTML {
        let names = Dictionary(overview.groups.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = overview.roles.map { role -> [HTML] in
            let granted = role.groupIDs.map { group -> HTML in
                let revoke = html.button(
                    "\(base)/roles/\(role.id)/revoke", label: html.t("console.revoke_grant", names[group] ?? group),
                    hidden: [("group", group)])
                return "\(names[group] ?? group) \(revoke)"
            }.joined(separator: "<br>")
            let options = overview.groups.filter { !role.groupIDs.contains($0.id) }.map { ($0.id, $0.name, false) }
            let grant: HTML =
                options.isEmpty
                ? ""
                : html.form(
                    "\(base)/roles/\(role.id)/grant", inline: true,
                    "\(html.select("grant-\(role.id)", name: "group", label: html.t("console.grant_to"), options: options)) <button type=\"submit\">\(html.t("console.grant"))</button>"
                )
            let separator: HTML = granted.isEmpty ? "" : "<br>"
            return [
                HTML(text: role.name), HTML(text: role.actions.map(actionName).joined(separator: ", ")), granted + separator + grant,
                html.button("\(base)/roles/\(role.id)/delete", label: html.t("console.delete_role", role.name)),
            ]
        }
        let table = html.table(
            caption: html.t("console.roles"),
            headers: [html.t("console.name"), html.t("console.actions"), html.t("console.granted_to"), ""],
            rows: rows, empty: html.t("console.no_roles"))
        let boxes = actions.enumerated().map { index, action -> HTML in
            "<input type=\"checkbox\" id=\"action-\(index)\" name=\"action:\(action)\" value=\"1\"> <label for=\"action-\(index)\">\(actionName(action))</label>"
        }.joined(separator: "<br>")
        let choice: HTML =
            actions.isEmpty
            ? "<p>\(html.t("console.no_actions"))</p>" : "<fieldset><legend>\(html.t("console.actions"))</legend>\(boxes)</fieldset>"
        let create = html.form(
            "\(base)/roles",
            """
            <fieldset><legend>\(html.t("console.new_role"))</legend>\(html.field("role-name", name: "name", label: html.t("console.name")))\
            \(choice)<p><button type="submit">\(html.t("console.create"))</button></p></fieldset>
            """)
        return """
            <section aria-labelledby="roles"><h2 id="roles">\(html.t("console.roles"))</h2><p>\(html.t("console.roles_help"))</p>\(table)\(create)</section>
            """
    }
}
