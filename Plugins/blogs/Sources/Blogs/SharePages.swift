// SharePages: the page where managers choose who reads, comments, contributes to or manages a blog.
import Foundation
import PluginKit

struct SharePages {
    let kit: PageKit

    struct Row {
        let kind: String
        let id: String
        let name: String
        let right: Access.Right
        /// The owner's manage share cannot be withdrawn.
        let locked: Bool
    }

    func page(
        _ access: BlogAccess, rows: [Row], groups: [SchoolDirectory.Group], people: [SchoolDirectory.Person], error: String?
    ) -> HTML {
        let path = "\(kit.base)/blogs/\(access.id)/shares"
        var html = kit.stylesheet + kit.error(error) + "<p>\(kit.t("shares.help"))</p>"
        let tableRows = rows.map { row -> [HTML] in
            let remove: HTML =
                row.locked ? "" : kit.button("\(path)/remove", "action.unshare", hidden: [("kind", row.kind), ("target", row.id)])
            return ["\(row.name) <small>(\(kit.t("shares.kind_\(row.kind)")))</small>", kit.t("right.\(row.right)"), remove]
        }
        html += kit.table(caption: "shares.caption", columns: ["shares.who", "shares.right", "shares.actions"], rows: tableRows)
        let rights = Access.Right.allCases.map { right -> HTML in
            let selected: HTML = right == .read ? " selected" : ""
            return "<option value=\"\(String(describing: right))\"\(selected)>\(kit.t("right.\(right)"))</option>"
        }
        let groupOptions = groups.map { "<option value=\"group:\($0.id)\">\($0.name)</option>" as HTML }
        let peopleOptions = people.map { "<option value=\"user:\($0.id)\">\($0.displayName)</option>" as HTML }
        let peopleGroup: HTML? = people.isEmpty ? nil : "<optgroup label=\"\(kit.t("shares.people"))\">\(peopleOptions)</optgroup>"
        html +=
            "<h2>\(kit.t("shares.add"))</h2>"
            + kit.form(
                path,
                """
                <p><label for="target">\(kit.t("shares.who"))</label> <select id="target" name="target" required>\
                <optgroup label="\(kit.t("shares.groups"))">\(groupOptions)</optgroup>\(peopleGroup)\
                </select> <label for="right">\(kit.t("shares.right"))</label> <select id="right" name="right">\(rights)</select> \
                \(kit.submit("action.share"))</p>
                """)
        return html
    }
}
