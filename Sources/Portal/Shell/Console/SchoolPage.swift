// SchoolPage: /admin/schools/<id> — a school's classes, groups (manual ones edited here) and roles with their grants.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage

struct SchoolPage {
    let html: ConsoleHTML

    typealias Overview = SchoolOverview

    func render(school: Console.School, overview: Overview, actions: [String]) -> String {
        let base = "/admin/schools/\(school.id)"
        let links =
            "<p>\(html.link("\(base)/accounts", html.localizer.text("console.accounts", html.language))) · "
            + "\(html.link("\(base)/import", html.localizer.text("console.import", html.language))) · "
            + "\(html.link("\(base)/activation-codes.csv", html.localizer.text("console.activation_codes", html.language)))</p>"
        return links + classes(overview.classes, base: base) + groups(overview.groups, base: base)
            + roles(overview, base: base, actions: actions)
    }

    private func classes(_ classes: [Overview.Class], base: String) -> String {
        let table = html.table(
            caption: html.t("console.classes"), headers: [html.t("console.name"), html.t("console.level"), html.t("console.members")],
            rows: classes.map {
                [
                    html.link(
                        "\(base)/accounts?class=\($0.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", $0.name),
                    escapeHTML($0.level ?? ""), html.number($0.members),
                ]
            }, empty: html.t("console.no_classes"))
        return
            "<section aria-labelledby=\"classes\"><h2 id=\"classes\">\(html.t("console.classes"))</h2><p>\(html.t("console.classes_help"))</p>\(table)</section>"
    }

    private func groups(_ groups: [Overview.Group], base: String) -> String {
        let manual = groups.filter(\.manual).map { group -> String in
            let members = group.members.map { member in
                "<li>\(escapeHTML(member.name)) (\(escapeHTML(member.login))) "
                    + html.button(
                        "\(base)/groups/\(group.id)/members/\(member.id)/remove", label: html.t("console.remove_member", member.name))
                    + "</li>"
            }.joined()
            let field = "member-\(escapeHTML(group.id))"
            let add = html.form(
                "\(base)/groups/\(group.id)/members",
                "<p><label for=\"\(field)\">\(html.t("console.member_login"))</label> <input id=\"\(field)\" name=\"login\" required> "
                    + "<button type=\"submit\">\(html.t("console.add_member"))</button></p>")
            return "<h3>\(escapeHTML(group.name))</h3><ul>\(members)</ul>\(add)"
                + html.button("\(base)/groups/\(group.id)/delete", label: html.t("console.delete_group", group.name))
        }.joined()
        let create = html.form(
            "\(base)/groups",
            "<fieldset><legend>\(html.t("console.new_group"))</legend>"
                + html.field("group-name", name: "name", label: html.t("console.name"))
                + "<p><button type=\"submit\">\(html.t("console.create"))</button></p></fieldset>")
        return
            "<section aria-labelledby=\"groups\"><h2 id=\"groups\">\(html.t("console.groups"))</h2>\(manual.isEmpty ? "<p>\(html.t("console.no_groups"))</p>" : manual)\(create)</section>"
    }

    private func roles(_ overview: Overview, base: String, actions: [String]) -> String {
        let names = Dictionary(overview.groups.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = overview.roles.map { role -> [String] in
            let granted = role.groupIDs.map { group in
                escapeHTML(names[group] ?? group) + " "
                    + html.button(
                        "\(base)/roles/\(role.id)/revoke", label: html.t("console.revoke_grant", names[group] ?? group),
                        hidden: [("group", group)])
            }.joined(separator: "<br>")
            let options = overview.groups.filter { !role.groupIDs.contains($0.id) }.map { ($0.id, $0.name, false) }
            let grant =
                options.isEmpty
                ? ""
                : html.form(
                    "\(base)/roles/\(role.id)/grant", inline: true,
                    html.select("grant-\(role.id)", name: "group", label: html.t("console.grant_to"), options: options)
                        + " <button type=\"submit\">\(html.t("console.grant"))</button>")
            return [
                escapeHTML(role.name), escapeHTML(role.actions.joined(separator: ", ")),
                granted + (granted.isEmpty ? "" : "<br>") + grant,
                html.button("\(base)/roles/\(role.id)/delete", label: html.t("console.delete_role", role.name)),
            ]
        }
        let table = html.table(
            caption: html.t("console.roles"),
            headers: [html.t("console.name"), html.t("console.actions"), html.t("console.granted_to"), ""],
            rows: rows, empty: html.t("console.no_roles"))
        let boxes = actions.enumerated().map { index, action in
            "<input type=\"checkbox\" id=\"action-\(index)\" name=\"action:\(escapeHTML(action))\" value=\"1\"> <label for=\"action-\(index)\">\(escapeHTML(action))</label>"
        }.joined(separator: "<br>")
        let create = html.form(
            "\(base)/roles",
            "<fieldset><legend>\(html.t("console.new_role"))</legend>"
                + html.field("role-name", name: "name", label: html.t("console.name"))
                + (actions.isEmpty
                    ? "<p>\(html.t("console.no_actions"))</p>"
                    : "<fieldset><legend>\(html.t("console.actions"))</legend>\(boxes)</fieldset>")
                + "<p><button type=\"submit\">\(html.t("console.create"))</button></p></fieldset>")
        return
            "<section aria-labelledby=\"roles\"><h2 id=\"roles\">\(html.t("console.roles"))</h2><p>\(html.t("console.roles_help"))</p>\(table)\(create)</section>"
    }
}
