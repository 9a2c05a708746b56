// AccountBar: the header's account area — who is logged in, school and child switchers, logout.
import CartableText
import HostDomain
import HostLocales
import HostStorage

/// Rendered in every page's header. Switchers are plain forms (they work without script).
struct AccountBar {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ argument: String = "") -> HTML {
        HTML(text: localizer.text(key, language, argument))
    }

    /// `unread`: the caller's unread timeline entries, shown as a link to the home page's timeline.
    func render(identity: CallerIdentity?, csrf: String, unread: Int = 0) -> HTML {
        guard let identity else { return "<a href=\"/auth/login\">\(t("auth.submit"))</a>" }
        let hidden: HTML = "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">"
        var parts: [HTML] = ["<a href=\"/profile\">\(t("auth.signed_in_as", identity.displayName))</a>"]
        if identity.school != nil {
            let label = unread == 0 ? t("timeline.none_unread") : t("timeline.unread", localizer.number(unread, language))
            parts.append("<a class=\"notifications\" href=\"/#timeline\">\(label)</a>")
        }
        if identity.schools.count > 1 {
            let options = identity.schools.map { ($0.uai, $0.name, $0.id == identity.school?.id) }
            parts.append(switcher(action: "/auth/school", field: "school", label: "shell.school", options: options, hidden: hidden))
        } else if let school = identity.school {
            parts.append("<span>\(school.name)</span>")
        }
        if identity.children.count > 1 {
            let options = identity.children.map { ($0.id, $0.displayName, $0.id == identity.childInView?.id) }
            parts.append(switcher(action: "/auth/child", field: "child", label: "shell.child", options: options, hidden: hidden))
        } else if let child = identity.childInView {
            parts.append("<span>\(t("shell.child_in_view", child.displayName))</span>")
        }
        if identity.isAdmin {
            parts.append("<a href=\"/admin\">\(t("admin.title"))</a>")
        }
        parts.append(AuthPages.logoutForm(csrf: csrf, label: localizer.text("auth.logout", language)))
        return parts.joined(separator: "\n")
    }

    /// A labelled select with its submit button, posting `field` to `action`.
    private func switcher(
        action: String, field: String, label: String, options: [(value: String, name: String, selected: Bool)], hidden: HTML
    ) -> HTML {
        let choices = options.map { option -> HTML in
            let selected: HTML = option.selected ? " selected" : ""
            return "<option value=\"\(option.value)\"\(selected)>\(option.name)</option>"
        }
        return """
            <form class="switch" method="post" action="\(action)">\(hidden)<label for="switch-\(field)">\(t(label))</label> \
            <select id="switch-\(field)" name="\(field)">\(choices)</select> <button type="submit">\(t("shell.switch"))</button></form>
            """
    }
}
