// YearPages: the gradebook's home (the school's periods) and the school year's form, built with PluginKit's components: every text is escaped.
import GradebookRules
import PluginKit

enum YearPages {
    static func home(_ year: SchoolYear?, mayManage: Bool, request: PluginRequest) -> HTML {
        let kit = PageKit(request: request), base = kit.base
        let setUp: HTML? = mayManage ? kit.buttonLink("\(base)/year", year == nil ? "action.set_year" : "action.change_year") : nil
        guard let year else {
            return kit.card(request.localized("title.year"), kit.emptyState("year.empty", hint: "year.empty_hint", action: setUp))
        }
        let rows = year.periods.map { period -> [HTML] in
            [kit.text(period.name), kit.text(kit.date(period.first.iso)), kit.text(kit.date(period.last.iso))]
        }
        let table = kit.table(caption: "year.\(year.cut.rawValue)", columns: ["field.period", "field.first", "field.last"], rows: rows)
        return kit.card(request.localized("title.year"), table + (setUp.map { kit.actions($0) } ?? ""))
    }

    static func form(_ form: YearForm, version: Int64?, refusal: YearForm.Refusal? = nil, request: PluginRequest) -> HTML {
        let kit = PageKit(request: request), base = kit.base
        let cut = kit.select(
            "cut", label: "field.cut",
            options: SchoolYear.Cut.allCases.map { ($0.rawValue, request.localized("year.\($0.rawValue)")) }, selected: form.cut.rawValue,
            hint: "field.cut_hint")
        let versionField: HTML? = version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" }
        func error(_ field: String) -> String? { refusal?.field == field ? refusal?.key : nil }
        let periods = form.rows.enumerated().map { offset, row -> HTML in
            let index = offset + 1
            let fields: HTML = """
                \(kit.textField("name\(index)", label: "field.period", value: row.name, maxLength: YearForm.maxName, error: error("name\(index)")))\
                \(kit.textField("first\(index)", label: "field.first", value: row.first, type: "date", error: error("first\(index)")))\
                \(kit.textField("last\(index)", label: "field.last", value: row.last, type: "date", error: error("last\(index)")))
                """
            return "<fieldset><legend>\(kit.t("year.period_number", "\(index)"))</legend>\(fields)</fieldset>"
        }
        let whole = refusal?.field == nil ? kit.error(refusal?.key) : ""
        let content: HTML = """
            \(whole)\(versionField)\(cut)\(periods)\
            \(kit.actions(kit.submit("action.save"), kit.buttonLink("\(base)/", "action.cancel")))
            """
        return kit.card(request.localized("title.year"), kit.form("\(base)/year", content))
    }
}
