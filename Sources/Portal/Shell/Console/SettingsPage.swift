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

    func render(_ forms: [Form]) -> String {
        guard !forms.isEmpty else { return "<p>\(html.t("settings.none"))</p>" }
        let sections = forms.map { form in
            let prefix = "set-\(escapeHTML(form.authorityID))-\(escapeHTML(form.pluginID))"
            let checks = form.fields.map { field in
                "<p><input type=\"checkbox\" id=\"\(prefix)-\(escapeHTML(field.key))\" name=\"s-\(escapeHTML(field.key))\"\(field.value ? " checked" : "")> "
                    + "<label for=\"\(prefix)-\(escapeHTML(field.key))\">\(escapeHTML(field.label))</label></p>"
            }.joined()
            let content =
                "<fieldset><legend>\(escapeHTML(form.pluginName)) — \(escapeHTML(form.authorityName))</legend>\(checks)"
                + "<p><button type=\"submit\">\(html.t("settings.save"))</button></p></fieldset>"
            return html.form("/admin/settings", hidden: [("authority", form.authorityID), ("plugin", form.pluginID)], content)
        }.joined()
        return "<p>\(html.t("settings.help"))</p>\(sections)"
    }
}
