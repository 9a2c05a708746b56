// ShellHeader: every page's top bar — brand, the app launcher menu, school and child menus, notifications, the account menu.
import CartableText
import HostDomain
import HostLocales
import HostStorage

/// Menus are `<details>` and switchers plain forms: the header works without script and by keyboard.
/// On phones (see portal.css) the labels give way to icons and the school and child menus move
/// into the account menu, so the bar stays one line of 56 px.
struct ShellHeader {
    let localizer: Localizer
    let language: String

    private func t(_ key: String, _ argument: String = "") -> HTML {
        HTML(text: localizer.text(key, language, argument))
    }

    func render(shell: ShellView, currentApp: String?) -> HTML {
        let logo: HTML =
            shell.theme?.logo.map { "<img src=\"/themes/\($0)\" alt=\"\" height=\"32\">" }
            ?? "<img src=\"\(ShellAsset.icon.path)\" alt=\"\" width=\"32\" height=\"32\">"
        let brand: HTML = "<a class=\"brand\" href=\"/\">\(logo)<span class=\"brand-name\">\(t("portal.name"))</span></a>"
        guard let identity = shell.identity else {
            return "<header class=\"top\">\(brand)<a class=\"top-link\" href=\"/auth/login\">\(t("auth.submit"))</a></header>"
        }
        let hidden: HTML = "<input type=\"hidden\" name=\"_csrf\" value=\"\(shell.csrfToken)\">"
        // Rendered once, placed twice: in the bar, and (for phones) inside the account menu.
        let context = [schoolMenu(identity, hidden: hidden), childMenu(identity, hidden: hidden)].compactMap { $0 }.joined()
        return """
            <header class="top">\(brand)\(appsMenu(shell.apps, currentApp: currentApp))\
            <div class="context">\(context)</div>\
            \(identity.school == nil ? "" : notifications(shell.unread))\(accountMenu(identity, csrf: shell.csrfToken, context: context))</header>
            """
    }

    /// The launcher as a menu: each app with its icon, the current one marked.
    private func appsMenu(_ apps: [PortalPage.App], currentApp: String?) -> HTML {
        guard !apps.isEmpty else { return "" }
        let items = apps.map { app -> HTML in
            let current: HTML = app.id == currentApp ? " aria-current=\"page\"" : ""
            return "<li><a href=\"/apps/\(app.id)/\"\(current)>\(PortalPage.appIcon(app, size: 24))<span>\(app.name)</span></a></li>"
        }
        return """
            <nav class="apps-menu" aria-label="\(t("portal.main_navigation"))"><details class="menu"><summary>\
            \(Icons.grid)<span class="label">\(t("portal.apps"))</span></summary><ul class="menu-panel">\(items)</ul></details></nav>
            """
    }

    /// The current school; with several, a menu of the others (one button each, posting to `/auth/school`).
    private func schoolMenu(_ identity: CallerIdentity, hidden: HTML) -> HTML? {
        guard let school = identity.school else { return nil }
        guard identity.schools.count > 1 else { return "<span class=\"school-name\">\(school.name)</span>" }
        let options = identity.schools.map { ($0.uai, $0.name, $0.id == school.id) }
        return menu(
            className: "school-menu", label: t("shell.school"), current: school.name, action: "/auth/school", field: "school",
            options: options, hidden: hidden)
    }

    /// For a parent, the child in view; with several, a menu of the others.
    private func childMenu(_ identity: CallerIdentity, hidden: HTML) -> HTML? {
        guard let child = identity.childInView else { return nil }
        guard identity.children.count > 1 else { return "<span class=\"child-name\">\(t("shell.child_in_view", child.displayName))</span>" }
        let options = identity.children.map { ($0.id, $0.displayName, $0.id == child.id) }
        return menu(
            className: "child-menu", label: t("shell.child"), current: child.displayName, action: "/auth/child", field: "child",
            options: options, hidden: hidden)
    }

    private func menu(
        className: String, label: HTML, current: String, action: String, field: String,
        options: [(value: String, name: String, selected: Bool)], hidden: HTML
    ) -> HTML {
        let buttons = options.map { option -> HTML in
            let selected: HTML = option.selected ? " aria-current=\"true\"" : ""
            return "<li><button type=\"submit\" name=\"\(field)\" value=\"\(option.value)\"\(selected)>\(option.name)</button></li>"
        }
        return """
            <details class="menu \(className)"><summary><span class="visually-hidden">\(label) : </span><span class="current">\(current)</span></summary>\
            <form class="menu-panel" method="post" action="\(action)">\(hidden)<p class="menu-title">\(label)</p><ul>\(buttons)</ul></form></details>
            """
    }

    /// The bell with the unread count, to the home page's timeline.
    private func notifications(_ unread: Int) -> HTML {
        let number = localizer.number(unread, language)
        let label = unread == 0 ? t("timeline.none_unread") : t("timeline.unread", number)
        let count: HTML = unread == 0 ? "" : "<span class=\"count\" aria-hidden=\"true\">\(number)</span>"
        return "<a class=\"notifications\" href=\"/#timeline\">\(Icons.bell)<span class=\"visually-hidden\">\(label)</span>\(count)</a>"
    }

    /// Who is logged in: profile, language, administration, log out; on phones also `context`, the school and child menus.
    private func accountMenu(_ identity: CallerIdentity, csrf: String, context: HTML) -> HTML {
        let admin: HTML = identity.isAdmin ? "<li><a href=\"/admin\">\(t("admin.title"))</a></li>" : ""
        let phoneContext: HTML = context.isEmpty ? "" : "<div class=\"phone-context\">\(context)</div>"
        return """
            <details class="menu account-menu"><summary>\(Avatar.initials(of: identity.displayName, id: identity.userID, size: .small))\
            <span class="label">\(identity.displayName)</span></summary><div class="menu-panel">\
            <p class="menu-title">\(t("auth.signed_in_as", identity.displayName))</p>\(phoneContext)<ul>\
            <li><a href="/profile">\(t("profile.title"))</a></li><li><a href="/profile#language">\(t("profile.language"))</a></li>\(admin)</ul>\
            \(AuthPages.logoutForm(csrf: csrf, label: localizer.text("auth.logout", language)))</div></details>
            """
    }
}
