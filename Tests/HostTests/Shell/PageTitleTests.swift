// PageTitleTests: a tab or a bookmark reads "Page · App · Cartable", so people find the right one among many.
import CartableText
import Foundation
import HostDomain
import HostLocales
import Testing

@testable import Portal

@Suite("Page titles")
struct PageTitleTests {
    static let blogs = PortalPage.App(id: "blogs", name: "Blogs", icon: nil)

    static func title(_ page: String, app: String?) -> String? {
        let shell = ShellView(language: "fr", apps: [blogs], unread: 0, theme: nil, identity: nil, csrfToken: "t")
        let html = PortalPage(localizer: .shared).render(title: page, fragment: "", shell: shell, currentApp: app).markup
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>") else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func anAppsPageNamesThePageTheAppAndCartable() {
        #expect(Self.title("Sortie au musée", app: "blogs") == "Sortie au musée · Blogs · Cartable")
    }

    @Test func anAppsHomeIsNotNamedTwice() {
        #expect(Self.title("Blogs", app: "blogs") == "Blogs · Cartable")
    }

    @Test func aPortalPageNamesThePageAndCartable() {
        #expect(Self.title("Accueil", app: nil) == "Accueil · Cartable")
    }
}
