// AccountBar: the header's account area — who is logged in, school and child switchers, logout.
import CartableText

/// Rendered in every page's header. Switchers are plain forms (they work without script).
struct AccountBar {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ argument: String = "") -> String {
        escapeHTML(localizer.text(key, language, argument))
    }

    func render(identity: CallerIdentity?, csrf: String) -> String {
        guard let identity else { return "<a href=\"/auth/login\">\(t("auth.submit"))</a>" }
        let hidden = "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(csrf))\">"
        var parts = ["<a href=\"/profile\">\(t("auth.signed_in_as", identity.displayName))</a>"]
        if identity.schools.count > 1 {
            let options = identity.schools.map { school in
                "<option value=\"\(escapeHTML(school.uai))\"\(school.id == identity.school?.id ? " selected" : "")>\(escapeHTML(school.name))</option>"
            }.joined()
            parts.append("""
                <form class="switch" method="post" action="/auth/school">\(hidden)<label for="switch-school">\(t("shell.school"))</label> \
                <select id="switch-school" name="school">\(options)</select> <button type="submit">\(t("shell.switch"))</button></form>
                """)
        } else if let school = identity.school {
            parts.append("<span>\(escapeHTML(school.name))</span>")
        }
        if identity.children.count > 1 {
            let options = identity.children.map { child in
                "<option value=\"\(escapeHTML(child.id))\"\(child.id == identity.childInView?.id ? " selected" : "")>\(escapeHTML(child.displayName))</option>"
            }.joined()
            parts.append("""
                <form class="switch" method="post" action="/auth/child">\(hidden)<label for="switch-child">\(t("shell.child"))</label> \
                <select id="switch-child" name="child">\(options)</select> <button type="submit">\(t("shell.switch"))</button></form>
                """)
        } else if let child = identity.childInView {
            parts.append("<span>\(t("shell.child_in_view", child.displayName))</span>")
        }
        if identity.isAdmin { parts.append("<a href=\"/admin/audit\">\(t("audit.title"))</a>") }
        parts.append(AuthPages.logoutForm(csrf: csrf, label: localizer.text("auth.logout", language)))
        return parts.joined(separator: "\n")
    }
}
