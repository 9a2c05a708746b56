// SettingsPage: /admin/settings — per authority and app, the true/false settings an authority sets for its schools.
import CartableText

struct SettingsPage {
    struct Field {
        let key: String
        let label: String
        let value: Bool
    }

    struct Form {
        let authorityID: String
        let authorityName: String
        let pluginID: String
        let pluginName: String
        let fields: [Field]
    }

    let html: ConsoleHTML

    func render(_ forms: [Form]) -> HTML {
        guard !forms.isEmpty else { return "<p>\(html.t("settings.none"))</p>" }
        let sections = forms.map { form -> HTML in
            let prefix = "set-\(form.authorityID)-\(form.pluginID)"
            let checks = form.fields.map { field -> HTML in
                let checked: HTML = field.value ? " checked" : ""
                return """
                    <p><input type="checkbox" id="\(prefix)-\(field.key)" name="s-\(field.key)"\(checked)> \
                    <label for="\(prefix)-\(field.key)">\(field.label)</label></p>
                    """
            }
            let content: HTML = """
                <fieldset><legend>\(form.pluginName) — \(form.authorityName)</legend>\(checks)\
                <p><button type="submit">\(html.t("settings.save"))</button></p></fieldset>
                """
            return html.form("/admin/settings", hidden: [("authority", form.authorityID), ("plugin", form.pluginID)], content)
        }
        return "<p>\(html.t("settings.help"))</p>\(sections)"
    }
}
