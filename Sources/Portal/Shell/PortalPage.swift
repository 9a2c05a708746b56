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
    /// `account` is the header's account area (trusted HTML from ``AccountBar``).
    package func render(
        title: String, fragment: String, language: String, apps: [App], currentApp: String?, account: String = "",
        breadcrumbs: [(label: String, path: String)] = [], theme: Themes.Theme? = nil
    ) -> String {
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
            <style>\(Self.style)</style>\(theme.map { "<style>\(Self.themeStyle($0))</style>" } ?? "")
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

    static let style = """
        body{margin:0;font-family:system-ui,sans-serif;color:#1b1b1b;background:#f6f6f6;line-height:1.5}\
        .visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}\
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}\
        .bar{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;background:var(--primary,#1d3557);color:#fff;padding:.75rem 1rem}\
        .bar a{color:#fff}.brand{font-weight:700;text-decoration:none;font-size:1.2rem;display:flex;align-items:center;gap:.5rem}\
        .bar ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}\
        main{max-width:60rem;margin:0 auto;padding:1rem;background:#fff}\
        a:focus,button:focus,input:focus,textarea:focus,select:focus{outline:3px solid var(--accent,#f4a261);outline-offset:2px}\
        .account{margin-left:auto;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}.account form{margin:0}\
        .avatar{border-radius:50%}.initials{display:inline-block;width:4rem;height:4rem;line-height:4rem;text-align:center;\
        background:#457b9d;color:#fff;font-size:1.5rem;border-radius:50%}.error{color:#a4161a}\
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
        .table{overflow-x:auto}form.inline{display:inline;margin:0 .25rem 0 0}select:focus{outline:3px solid #f4a261}\
        .crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:0 0 .5rem;font-size:.9rem}\
        .crumbs li+li::before{content:"›";margin-right:.25rem;color:#555}\
        .launcher{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(7rem,1fr));gap:.75rem}\
        .launcher a{display:flex;flex-direction:column;align-items:center;gap:.25rem;padding:.75rem;border:1px solid #ccc;border-radius:.5rem;text-decoration:none;color:#1d3557}\
        .launcher a:hover,.launcher a:focus{background:#eef3f8}\
        .app-initial{display:inline-block;width:48px;height:48px;line-height:48px;text-align:center;border-radius:.5rem;background:#457b9d;color:#fff;font-size:1.5rem}\
        .notice{color:#1b4332}fieldset{border:1px solid #ccc}\
        .timeline{list-style:none;padding:0}.timeline li{padding:.5rem 0;border-bottom:1px solid #ddd}.timeline li.unread{font-weight:600}\
        .badge{background:#a4161a;color:#fff;border-radius:.5rem;padding:0 .4rem;font-size:.8rem}time{color:#444;font-weight:400}\
        .foot{text-align:center;font-size:.9rem;padding:1rem;color:#444}
        """
}
