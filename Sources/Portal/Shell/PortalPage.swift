// PortalPage: the minimal portal page that wraps HTML fragments from plugins and the home page.
import CartableText
import HostLocales

/// Renders the portal's outer page: skip link, header with the app list, main landmark, footer.
package struct PortalPage: Sendable {
    package struct App: Sendable {
        package let id: String
        /// In the reader's language (the plugin's `app.name`), else the manifest's name.
        package let name: String
        /// The icon's URL, if the plugin has one.
        package let icon: String?
    }

    let localizer: Localizer

    package init(localizer: Localizer) {
        self.localizer = localizer
    }

    /// A full page; `fragment` is trusted HTML from the host or a plugin, every other text is escaped.
    /// The header (apps, account, theme) comes from `shell`, gathered before.
    package func render(
        title: String, fragment: String, shell: ShellView, currentApp: String?, breadcrumbs: [(label: String, path: String)] = []
    ) -> String {
        let language = shell.language, apps = shell.apps, theme = shell.theme
        let account = AccountBar(localizer: localizer, language: language).render(
            identity: shell.identity, csrf: shell.csrfToken, unread: shell.unread)
        let t = { (key: String) in escapeHTML(localizer.text(key, language)) }
        let links = apps.map { app in
            let current = app.id == currentApp ? " aria-current=\"page\"" : ""
            return "<li><a href=\"/apps/\(escapeHTML(app.id))/\"\(current)>\(escapeHTML(app.name))</a></li>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(escapeHTML(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(title)) · \(t("portal.name"))</title>
            <link rel="stylesheet" href="\(ShellStylesheet.shared.path)">\(theme.map { "<style>\(Self.themeStyle($0))</style>" } ?? "")
            </head>
            <body>
            <a class="skip" href="#main">\(t("portal.skip"))</a>
            <header class="bar">
            <a class="brand" href="/">\(theme?.logo.map { "<img src=\"/themes/\(escapeHTML($0))\" alt=\"\" height=\"32\"> " } ?? "")\(t("portal.name"))</a>
            <nav aria-label="\(t("portal.main_navigation"))"><ul>\(links)</ul></nav>
            <div class="account">\(account)</div>
            </header>
            <main id="main" tabindex="-1">
            \(trail(breadcrumbs, current: title, language: language))<h1>\(escapeHTML(title))</h1>
            \(fragment)
            </main>
            <footer class="foot">\(t("portal.footer"))</footer>
            </body>
            </html>
            """
    }

    /// The home page's launcher: a labelled list of the apps, each with its icon (decorative: the name says it all).
    static func launcher(_ apps: [App], heading: String, empty: String) -> String {
        let items = apps.map { app in
            let icon =
                app.icon.map { "<img src=\"\(escapeHTML($0))\" alt=\"\" width=\"48\" height=\"48\">" }
                ?? "<span class=\"app-initial\" aria-hidden=\"true\">\(escapeHTML(String(app.name.prefix(1))))</span>"
            return "<li><a href=\"/apps/\(escapeHTML(app.id))/\">\(icon)<span>\(escapeHTML(app.name))</span></a></li>"
        }.joined()
        return "<section aria-labelledby=\"apps\"><h2 id=\"apps\">\(escapeHTML(heading))</h2>"
            + (apps.isEmpty ? "<p>\(escapeHTML(empty))</p>" : "<ul class=\"launcher\">\(items)</ul>") + "</section>"
    }

    /// The breadcrumb trail: each crumb a link, then the current page (`aria-current`).
    private func trail(_ crumbs: [(label: String, path: String)], current: String, language: String) -> String {
        guard !crumbs.isEmpty else { return "" }
        let items = crumbs.map { "<li><a href=\"\(escapeHTML($0.path))\">\(escapeHTML($0.label))</a></li>" }.joined()
        return "<nav class=\"crumbs\" aria-label=\"\(escapeHTML(localizer.text("portal.breadcrumbs", language)))\"><ol>\(items)"
            + "<li aria-current=\"page\">\(escapeHTML(current))</li></ol></nav>\n"
    }

    /// The theme's colours as CSS custom properties; the page's CSP lists the hash of each theme's.
    package static func themeStyle(_ theme: Themes.Theme) -> String {
        ":root{--primary:\(theme.primary);--accent:\(theme.accent)}"
    }
}
