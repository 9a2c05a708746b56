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

    /// A full page around `fragment`, markup from the host or (marked trusted) a plugin; every text is escaped.
    /// The header (apps, account, theme) comes from `shell`, gathered before. A fragment an app
    /// answered (`appContent`: its id) sits in `<div class="app-content app-<id>">`, the one
    /// place its stylesheet may style: the portal's header and footer stay the portal's.
    package func render(
        title: String, fragment: HTML, shell: ShellView, currentApp: String?, breadcrumbs: [(label: String, path: String)] = [],
        appContent: String? = nil
    ) -> HTML {
        let language = shell.language, theme = shell.theme
        let t = { (key: String) in HTML(text: localizer.text(key, language)) }
        // The theme's colours were checked as #rrggbb when the themes were read.
        let style: HTML? = theme.map { "<style>\(HTML.trusted(Self.themeStyle($0)))</style>" }
        return """
            <!DOCTYPE html>
            <html lang="\(language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.documentTitle(title, app: shell.apps.first { $0.id == currentApp }?.name, portal: localizer.text("portal.name", language)))</title>
            <link rel="stylesheet" href="\(ShellAsset.stylesheet.path)">\(style)
            <link rel="icon" href="\(ShellAsset.icon.path)" type="image/svg+xml">
            </head>
            <body>
            <a class="skip" href="#main">\(t("portal.skip"))</a>
            \(ShellHeader(localizer: localizer, language: language).render(shell: shell, currentApp: currentApp))
            <main id="main" tabindex="-1">
            \(trail(breadcrumbs, current: title, language: language))<h1>\(title)</h1>
            \(appContent.map { "<div class=\"app-content app-\($0)\">\(fragment)</div>" as HTML } ?? fragment)
            </main>
            <footer class="foot">\(t("portal.footer"))</footer>
            </body>
            </html>
            """
    }

    /// What a tab or a bookmark reads: "Page · App · Cartable", the app named once on its own home.
    static func documentTitle(_ page: String, app: String?, portal: String) -> String {
        ([page] + (app.map { $0 == page ? [] : [$0] } ?? []) + [portal]).joined(separator: " · ")
    }

    /// The home page's launcher: a labelled list of the apps, each with its icon (decorative: the name says it all).
    static func launcher(_ apps: [App], heading: String, empty: String) -> HTML {
        let items = apps.map { app -> HTML in "<li><a href=\"/apps/\(app.id)/\">\(appIcon(app, size: 48))<span>\(app.name)</span></a></li>"
        }
        let list: HTML = apps.isEmpty ? "<p>\(empty)</p>" : "<ul class=\"launcher\">\(items)</ul>"
        return "<section aria-labelledby=\"apps\"><h2 id=\"apps\">\(heading)</h2>\(list)</section>"
    }

    /// An app's icon (decorative: its name is written next to it), or its initial on a tile.
    static func appIcon(_ app: App, size: Int) -> HTML {
        app.icon.map { "<img class=\"app-icon\" src=\"\($0)\" alt=\"\" width=\"\(size)\" height=\"\(size)\">" }
            ?? "<span class=\"app-initial size-\(size)\" aria-hidden=\"true\">\(String(app.name.prefix(1)))</span>"
    }

    /// The breadcrumb trail: each crumb a link, then the current page (`aria-current`).
    private func trail(_ crumbs: [(label: String, path: String)], current: String, language: String) -> HTML {
        guard !crumbs.isEmpty else { return "" }
        let items = crumbs.map { "<li><a href=\"\($0.path)\">\($0.label)</a></li>" as HTML }
        return """
            <nav class="crumbs" aria-label="\(localizer.text("portal.breadcrumbs", language))"><ol>\(items)\
            <li aria-current="page">\(current)</li></ol></nav>

            """
    }

    /// The theme's colours as CSS custom properties (a stylesheet, not markup); the page's CSP lists the hash of each theme's.
    package static func themeStyle(_ theme: Themes.Theme) -> String {
        ":root{--primary:\(theme.primary);--accent:\(theme.accent)}"
    }
}
