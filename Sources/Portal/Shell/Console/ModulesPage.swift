// ModulesPage: the authority admin's matrix of schools × apps, each cell a form to enable, disable or pick a version.
import CartableText
import HostDomain
import HostLocales
import HostStorage

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
        let usage: [String: ModuleUsage.Figures]
    }

    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ arguments: String...) -> HTML {
        HTML(text: localizer.text(key, language, arguments: arguments))
    }

    /// One cell: a form choosing the app's state for `schoolID` ("all": every school of the matrix), with its usage figures.
    private func cell(
        schoolID: String, field: String, column: Column, label: HTML, options: [(String, HTML, Bool)], csrf: String,
        usage: ModuleUsage.Figures?
    ) -> HTML {
        let choices = options.map { option -> HTML in
            let selected: HTML = option.2 ? " selected" : ""
            return "<option value=\"\(option.0)\"\(selected)>\(option.1)</option>"
        }
        let figures = usage.map { figures -> HTML in
            "<br><small>\(t("modules.usage", localizer.number(figures.documents, language), localizer.number(figures.users, language)))</small>"
        }
        return """
            <td><form method="post" action="/admin/modules"><input type="hidden" name="_csrf" value="\(csrf)">\
            <input type="hidden" name="school" value="\(schoolID)"><input type="hidden" name="plugin" value="\(column.id)">\
            <label class="visually-hidden" for="\(field)">\(label)</label>\
            <select id="\(field)" name="choice">\(choices)</select> <button type="submit">\(t("modules.apply"))</button></form>\(figures)</td>
            """
    }

    func render(rows: [Row], columns: [Column], csrf: String) -> HTML {
        let head = columns.map { column -> HTML in
            let experimental: HTML = column.experimental ? " <small>(\(t("modules.experimental")))</small>" : ""
            return "<th scope=\"col\">\(column.name)\(experimental)</th>"
        }
        let all = columns.map { column -> HTML in
            let options =
                [("", t("modules.unchanged"), true), ("off", t("modules.off"), false), ("newest", t("modules.newest"), false)]
                + column.versions.map { ($0, HTML(text: $0), false) }
            return cell(
                schoolID: "all", field: "m-all-\(column.id)", column: column,
                label: t("modules.cell_label", "\(column.name) — \(localizer.text("modules.all", language))"),
                options: options, csrf: csrf, usage: nil)
        }
        let body = rows.map { row -> HTML in
            let cells = columns.map { column -> HTML in
                let cell = row.cells[column.id]
                let options =
                    [
                        ("off", t("modules.off"), cell?.enabled != true),
                        ("newest", t("modules.newest"), cell?.enabled == true && cell?.version == nil),
                    ]
                    + column.versions.map { ($0, HTML(text: $0), cell?.enabled == true && cell?.version == $0) }
                return self.cell(
                    schoolID: row.schoolID, field: "m-\(row.uai)-\(column.id)", column: column,
                    label: t("modules.cell_label", "\(column.name) — \(row.name)"), options: options, csrf: csrf,
                    usage: row.usage[column.id] ?? .init())
            }
            let pilot: HTML = row.pilot ? " · \(t("modules.pilot"))" : ""
            return "<tr><th scope=\"row\">\(row.name) <small>\(row.uai)\(pilot)</small></th>\(cells)</tr>"
        }
        let allRow: HTML = rows.count > 1 ? "<tr><th scope=\"row\">\(t("modules.all"))</th>\(all)</tr>" : ""
        return """
            <p>\(t("modules.help"))</p>
            <div class="table"><table><caption>\(t("modules.caption"))</caption><thead><tr><th scope="col">\(t("modules.school"))</th>\(head)</tr></thead>\
            <tbody>\(allRow)\(body)</tbody></table></div>
            """
    }
}
