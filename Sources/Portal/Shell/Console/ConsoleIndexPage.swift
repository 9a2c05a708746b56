// ConsoleIndexPage: /admin — the sections of the console this admin may open, and their schools.
import CartableText
import Foundation
import HostDomain
import HostLocales
import HostStorage
struct ConsoleIndexPage {
    let html: ConsoleHTML

    func render(isPlatformAdmin: Bool, isAuthorityAdmin: Bool, schools: [Directory.School]) -> HTML {
        var sections: [HTML] = []
        if isPlatformAdmin {
            sections.append(
                section("console.platform", links: [("/admin/authorities", "console.authorities"), ("/admin/plugins", "console.plugins")]))
        }
        if isPlatformAdmin || isAuthorityAdmin {
            sections.append(
                section(
                    "console.authority",
                    links: [
                        ("/admin/schools", "console.schools"), ("/admin/modules", "modules.title"), ("/admin/settings", "settings.title"),
                        ("/admin/sso", "sso.title"),
                    ]))
        }
        let text = { (key: String) in html.localizer.text(key, html.language) }
        let items = schools.map { school -> HTML in
            """
            <li>\(html.link("/admin/schools/\(school.id)", "\(school.name) (\(school.uai))")) — \
            \(html.link("/admin/schools/\(school.id)/accounts", text("console.accounts"))) · \
            \(html.link("/admin/schools/\(school.id)/import", text("console.import")))</li>
            """
        }
        let list: HTML = items.isEmpty ? "<p>\(html.t("console.no_schools"))</p>" : "<ul>\(items)</ul>"
        sections.append(
            "<section aria-labelledby=\"console-schools\"><h2 id=\"console-schools\">\(html.t("console.school_admin"))</h2>\(list)</section>"
        )
        sections.append(section("console.audit", links: [("/admin/audit", "audit.title")]))
        return sections.joined(separator: "\n")
    }

    private func section(_ title: String, links: [(String, String)]) -> HTML {
        let id = title.replacingOccurrences(of: ".", with: "-")
        let items = links.map { "<li><a href=\"\($0.0)\">\(html.t($0.1))</a></li>" as HTML }
        return "<section aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(html.t(title))</h2><ul>\(items)</ul></section>"
    }
}
