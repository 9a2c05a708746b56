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

    /// Letters to type before people are looked for, and how many answers a search shows.
    static let minimumQuery = 2
    static let maximumPeople = 20

    /// Whether `name` contains `query`, ignoring case and accents ("chloe" finds "Chloé").
    static func matches(_ name: String, _ query: String) -> Bool {
        let fold = { (text: String) in text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        return fold(name).contains(fold(query))
    }

    func page(
        _ access: BlogAccess, rows: [Row], groups: [SchoolDirectory.Group], people: [SchoolDirectory.Person], query: String,
        error: String?
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
        let search: HTML = """
            <form method="get" action="\(path)" role="search"><p><label for="q">\(kit.t("shares.search"))</label> \
            <input id="q" name="q" type="search" value="\(query)" aria-describedby="q-hint"> \(kit.submit("action.search"))</p>\
            <p id="q-hint"><small>\(kit.t("shares.search_hint"))</small></p></form>
            """
        let shown = query.isEmpty ? groups : groups.filter { Self.matches($0.name, query) }
        let kinds: [(legend: String, groups: [SchoolDirectory.Group])] = [
            ("shares.kind_classes", shown.filter { $0.classID != nil }),
            ("shares.kind_school", shown.filter { $0.classID == nil && $0.kind == "profile" }),
            ("shares.kind_manual", shown.filter { $0.kind == "manual" }),
        ]
        var fieldsets: [HTML] = kinds.filter { !$0.groups.isEmpty }.map { kind in
            let choices = kind.groups.map { choice("group:\($0.id)", $0.name) }
            return "<fieldset class=\"choices\"><legend>\(kit.t(kind.legend))</legend>\(choices)</fieldset>"
        }
        if query.count >= Self.minimumQuery {
            let choices = people.prefix(Self.maximumPeople).map { choice("user:\($0.id)", $0.displayName) }
            let more: HTML =
                people.count > Self.maximumPeople ? "<p><small>\(kit.t("shares.narrow", String(people.count)))</small></p>" : ""
            fieldsets.append(
                people.isEmpty
                    ? "<p>\(kit.t("shares.no_match", query))</p>"
                    : "<fieldset class=\"choices\"><legend>\(kit.t("shares.people"))</legend>\(choices)\(more)</fieldset>")
        } else {
            fieldsets.append("<p>\(kit.t("shares.type_to_find"))</p>")
        }
        html +=
            "<h2>\(kit.t("shares.add"))</h2>" + search
            + kit.form(
                path,
                """
                \(fieldsets)<p><label for="right">\(kit.t("shares.right"))</label> <select id="right" name="right">\(rights)</select> \
                \(kit.submit("action.share"))</p>
                """)
        return html
    }

    /// One radio button, labelled by the name it gives a right to.
    private func choice(_ value: String, _ name: String) -> HTML {
        let id = "target-" + value.replacingOccurrences(of: ":", with: "-")
        return "<p><input type=\"radio\" id=\"\(id)\" name=\"target\" value=\"\(value)\" required> <label for=\"\(id)\">\(name)</label></p>"
    }
}
