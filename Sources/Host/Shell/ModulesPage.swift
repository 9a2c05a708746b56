// ModulesPage: the authority admin's matrix of schools × apps, each cell a form to enable, disable or pick a version.
import CartableText

struct ModulesPage {
    struct Cell {
        let enabled: Bool
        /// The chosen version, nil for "the newest".
        let version: String?
    }

    struct Column {
        let id: String
        let name: String
        let versions: [String]
        let experimental: Bool
    }

    struct Row {
        let schoolID: String
        let uai: String
        let name: String
        let pilot: Bool
        let cells: [String: Cell]
    }

    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ argument: String = "") -> String {
        escapeHTML(localizer.text(key, language, argument))
    }

    func render(rows: [Row], columns: [Column], csrf: String, message: String?, isError: Bool) -> String {
        let head = columns.map { column in
            "<th scope=\"col\">\(escapeHTML(column.name))\(column.experimental ? " <small>(\(t("modules.experimental")))</small>" : "")</th>"
        }.joined()
        let body = rows.map { row in
            let cells = columns.map { column in
                let cell = row.cells[column.id]
                let options = [("off", t("modules.off"), cell?.enabled != true), ("newest", t("modules.newest"), cell?.enabled == true && cell?.version == nil)]
                    + column.versions.map { ($0, escapeHTML($0), cell?.enabled == true && cell?.version == $0) }
                let choices = options.map { "<option value=\"\($0.0)\"\($0.2 ? " selected" : "")>\($0.1)</option>" }.joined()
                let field = "m-\(escapeHTML(row.uai))-\(escapeHTML(column.id))"
                return """
                    <td><form method="post" action="/admin/modules"><input type="hidden" name="_csrf" value="\(escapeHTML(csrf))">\
                    <input type="hidden" name="school" value="\(escapeHTML(row.schoolID))"><input type="hidden" name="plugin" value="\(escapeHTML(column.id))">\
                    <label class="visually-hidden" for="\(field)">\(t("modules.cell_label", "\(column.name) — \(row.name)"))</label>\
                    <select id="\(field)" name="choice">\(choices)</select> <button type="submit">\(t("modules.apply"))</button></form></td>
                    """
            }.joined()
            return "<tr><th scope=\"row\">\(escapeHTML(row.name)) <small>\(escapeHTML(row.uai))\(row.pilot ? " · \(t("modules.pilot"))" : "")</small></th>\(cells)</tr>"
        }.joined()
        let notice = message.map { "<p class=\"\(isError ? "error" : "notice")\" role=\"\(isError ? "alert" : "status")\">\(escapeHTML($0))</p>" } ?? ""
        return """
            \(notice)
            <p>\(t("modules.help"))</p>
            <table><caption>\(t("modules.caption"))</caption><thead><tr><th scope="col">\(t("modules.school"))</th>\(head)</tr></thead>\
            <tbody>\(body)</tbody></table>
            """
    }
}
