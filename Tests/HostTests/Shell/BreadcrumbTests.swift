// BreadcrumbTests: a plugin page's trail (ABI 1.2) — Home › the app › the plugin's crumbs › the title, confined to the plugin's paths.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Breadcrumbs of plugin pages")
struct BreadcrumbTests {
    @Test func aPluginPageShowsItsTrailInsideTheShell() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(publicRoutes: false))
        _ = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let page = try await client.get("/apps/probe/crumbs", headers: lea.headers)
            #expect(page.status == .ok)
            let trail =
                "<nav class=\"crumbs\" aria-label=\"Fil d&#39;Ariane\"><ol><li><a href=\"/\">Accueil</a></li><li><a href=\"/apps/probe/\">Probe probe</a></li>"
                + "<li><a href=\"/apps/probe/chapters/1\">Chapter &lt;1&gt;</a></li><li aria-current=\"page\">Section 1.2</li></ol></nav>"
            #expect(page.text.contains(trail), "the plugin's crumb, escaped, between the app and the title")
            #expect(page.headers[HTTPField.Name("x-outside-crumb")!] == "refused", "a crumb outside the plugin is refused")
        }
    }
}
