// ConsoleIndexPage: /admin — the sections of the console this admin may open, and their schools.
import Foundation
import HostDomain
import HostLocales
import HostStorage
struct ConsoleIndexPage {
    let html: ConsoleHTML

    func render(isPlatformAdmin: Bool, isAuthorityAdmin: Bool, schools: [Directory.School]) -> String {
        var sections: [String] = []
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
        let items = schools.map { school in
            "<li>\(html.link("/admin/schools/\(school.id)", "\(school.name) (\(school.uai))")) — "
                + "\(html.link("/admin/schools/\(school.id)/accounts", html.localizer.text("console.accounts", html.language))) · "
                + "\(html.link("/admin/schools/\(school.id)/import", html.localizer.text("console.import", html.language)))</li>"
        }.joined()
        sections.append(
            "<section aria-labelledby=\"console-schools\"><h2 id=\"console-schools\">\(html.t("console.school_admin"))</h2>"
                + (items.isEmpty ? "<p>\(html.t("console.no_schools"))</p>" : "<ul>\(items)</ul>") + "</section>")
        sections.append(section("console.audit", links: [("/admin/audit", "audit.title")]))
        return sections.joined(separator: "\n")
    }

    private func section(_ title: String, links: [(String, String)]) -> String {
        let id = title.replacingOccurrences(of: ".", with: "-")
        let items = links.map { "<li><a href=\"\($0.0)\">\(html.t($0.1))</a></li>" }.joined()
        return "<section aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(html.t(title))</h2><ul>\(items)</ul></section>"
    }
}
