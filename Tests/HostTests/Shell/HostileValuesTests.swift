// HostileValuesTests: every shell and console page rendered with markup in every field that people or plugins fill: none of it gets through.
import CartableText
import CartableWire
import Foundation
@testable import HostDomain
import HostLocales
@testable import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite("Hostile values in every page")
struct HostileValuesTests {
    /// A value that breaks out of an attribute and opens an element when written unescaped.
    static let hostile = "\"'><img src=x onerror=alert(1)>&amp;"
    /// How it must read once escaped.
    static let escaped = escapeHTML(hostile)

    /// The page shows the hostile value (escaped) and nothing of it as markup; none of the page's
    /// own markup was escaped twice on the way (which would show tags as text).
    static func check(_ page: HTML, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let markup = page.markup
        #expect(markup.contains(escaped), "\(name) does not show the hostile value at all", sourceLocation: sourceLocation)
        #expect(!markup.contains("<img src=x"), "\(name) lets markup through", sourceLocation: sourceLocation)
        #expect(!markup.contains("\"'>"), "\(name) lets a value close an attribute", sourceLocation: sourceLocation)
        let rest = markup.replacingOccurrences(of: escaped, with: "")
        for twice in ["&lt;", "&gt;", "&amp;lt;", "&amp;quot;", "&amp;#39;", "&amp;amp;"] {
            #expect(!rest.contains(twice), "\(name) escapes its own markup (\(twice)): \(rest)", sourceLocation: sourceLocation)
        }
    }

    let h = hostile
    var school: Directory.School { Directory.School(id: h, uai: h, name: h, authorityID: h, pilot: true) }
    var html: ConsoleHTML { ConsoleHTML(localizer: .shared, language: "fr", csrf: h) }

    var identity: CallerIdentity {
        let other = Directory.School(id: "other", uai: "0750002B", name: h, authorityID: h, pilot: false)
        return CallerIdentity(
            userID: h, displayName: h, profile: .relative, school: school, schools: [school, other],
            classes: [CallerIdentity.SchoolClass(id: h, name: h, level: h)],
            children: [PersonName(id: h, displayName: h), PersonName(id: "child-2", displayName: h)],
            childInView: PersonName(id: h, displayName: h), isAdmin: true)
    }

    @Test func theShellAroundAPage() {
        let shell = ShellView(
            language: "fr", apps: [PortalPage.App(id: h, name: h, icon: h)], unread: 3, theme: nil, identity: identity, csrfToken: h)
        let page = PortalPage(localizer: .shared).render(
            title: h, fragment: HTML(text: h), shell: shell, currentApp: h, breadcrumbs: [(label: h, path: h)])
        Self.check(page, "the portal page")
        Self.check(PortalPage.launcher([PortalPage.App(id: h, name: h, icon: h)], heading: h, empty: h), "the launcher")
        Self.check(PortalPage.launcher([], heading: h, empty: h), "the empty launcher")
    }

    @Test func theAuthenticationPages() {
        let pages = AuthPages(localizer: .shared, language: "fr")
        Self.check(pages.login(csrf: h, login: h, error: h, returnPath: "/x" + h, providers: [(id: h, name: h)]), "the login page")
        Self.check(pages.activation(csrf: h, login: h, error: h), "the activation page")
        Self.check(pages.link(csrf: h, provider: h, identity: h, subject: h, login: h, error: h), "the upstream link page")
        Self.check(pages.logoutConfirmation(action: h, csrf: h, hidden: [(name: h, value: h)]), "the logout confirmation")
        Self.check(AuthPages.logoutForm(csrf: h, label: h), "the logout button")
    }

    @Test func theProfilePages() {
        let pages = ProfilePage(localizer: .shared, language: "fr")
        let own = OwnProfile(
            login: h, displayName: h, motto: h, language: h, showEmail: true, showBirthDate: false, showMotto: true)
        Self.check(pages.form(own, userID: h, hasAvatar: true, identity: identity, csrf: h, message: h, isError: true), "the own profile")
        let other = VisibleProfile(
            id: h, displayName: h, profile: .student, isAnonymized: false, hasAvatar: false, schools: [h], classes: [h], motto: h,
            email: h, birthDate: h, viewerIsAdmin: true)
        Self.check(pages.other(other, csrf: h), "another's profile")
    }

    @Test func theTimelineAndTheConsent() {
        let locales = PluginLocales(tables: [h: ["fr": ["event.posted": "{actor} a publié {title}"]]])
        let apps = [PortalPage.App(id: h, name: h, icon: h), PortalPage.App(id: "other", name: h, icon: nil)]
        let timeline = TimelinePage(localizer: .shared, pluginLocales: locales, language: "fr", csrf: h, apps: apps, filter: h)
        let entries = [
            Timeline.Entry(
                id: 1, pluginID: h, type: "posted", actorID: h, actorName: h, actorHasAvatar: true, link: h, params: ["title": h],
                at: "2026-12-01T10:00:00Z", isRead: false),
            Timeline.Entry(
                id: 2, pluginID: "unknown", type: h, actorID: nil, actorName: nil, actorHasAvatar: false, link: h, params: [:], at: h,
                isRead: true),
        ]
        Self.check(timeline.render(entries, unread: 1), "the timeline")
        let client = SSOClients.Client(
            id: h, name: h, kind: "oidc", isPublic: false, redirectURIs: [h], postLogoutRedirectURIs: [h], scopes: ["profile"],
            subjectType: "pairwise", firstParty: false, authorityID: h, schoolIDs: [h], disabled: false)
        Self.check(
            ConsentPage(localizer: .shared, language: "fr").render(client: client, scope: ["profile"], params: [h: h], csrf: h, action: h),
            "the consent page")
    }

    @Test func theConsoleListsAndForms() {
        let admin = AdminHolder(id: h, login: h, name: h)
        let listing = Directory.SchoolListing(school: school, authority: h, members: 3, admins: [admin])
        Self.check(SchoolsPage(html: html).render([listing], authorities: [(id: h, name: h)], canManage: true), "the schools")
        let authority = Directory.AuthorityListing(id: h, name: h, schools: 2, admins: [admin])
        Self.check(PlatformPages(html: html).authorities([authority]), "the authorities")
        let account = Directory.Account(id: h, login: h, name: h, profile: h, classes: h, state: "active")
        let blocked = Directory.Account(id: h, login: h, name: h, profile: h, classes: h, state: "blocked")
        let accounts = AccountsPage(html: html)
        Self.check(accounts.render(schoolID: h, accounts: [account, blocked], query: h, className: h, offset: 50), "the accounts")
        Self.check(accounts.confirmBlock(userID: h, name: h, school: h, back: h), "the block confirmation")
        let form = SettingsPage.Form(
            authorityID: h, authorityName: h, pluginID: h, pluginName: h, fields: [SettingsPage.Field(key: h, label: h, value: true)])
        Self.check(SettingsPage(html: html).render([form]), "the settings")
        Self.check(ConsoleIndexPage(html: html).render(isPlatformAdmin: true, isAuthorityAdmin: true, schools: [school]), "the console")
    }

    @Test func theConsoleSchoolPages() {
        let overview = SchoolOverview(
            classes: [.init(name: h, level: h, members: 2)],
            groups: [.init(id: h, name: h, manual: true, members: [.init(id: h, login: h, name: h)])],
            roles: [.init(id: h, name: h, actions: [h], groupIDs: [h, "gone"])])
        Self.check(SchoolPage(html: html).render(school: school, overview: overview, actions: [h]), "the school")
        let modules = ModulesPage(localizer: .shared, language: "fr")
        let column = ModulesPage.Column(id: h, name: h, versions: [h], experimental: true)
        let row = ModulesPage.Row(
            schoolID: h, uai: h, name: h, pilot: true, cells: [h: .init(enabled: true, version: h)],
            usage: [h: ModuleUsage.Figures(documents: 1, users: 2)])
        Self.check(modules.render(rows: [row, row], columns: [column], csrf: h), "the modules")
        let clients = SSOClientsPage(html: html)
        let client = SSOClients.Client(
            id: h, name: h, kind: "oidc", isPublic: false, redirectURIs: [h], postLogoutRedirectURIs: [h], scopes: [h],
            subjectType: "pairwise", firstParty: false, authorityID: h, schoolIDs: [h], disabled: false)
        Self.check(
            clients.render(clients: [client], schools: [school], authorities: [(id: h, name: h)], isPlatformAdmin: true), "the tools")
    }

    @Test func theImportAndAuditPages() {
        let page = ImportPage(html: html)
        var report = ImportReport()
        report.dryRun = true
        report.created = [.init(externalID: h, login: h, name: h, detail: h)]
        report.detached = [.init(externalID: h, login: h, name: h, detail: nil)]
        report.classesCreated = [h]
        Self.check(page.report(report, schoolID: h, mode: .fullSync), "the import report")
        let failure = ImportFailure(errors: [
            ImportError(line: 3, key: "import.bad_email", [h], h), ImportError(line: nil, key: "import.foreign_id", [h], h),
        ])
        Self.check(page.failure(failure, schoolID: h), "the import failure")
        let admin = AdminPages(localizer: .shared, language: "fr")
        let entries = (0..<AuditLogReader.pageSize).map {
            AuditLogReader.Entry(
                id: Int64($0), at: h, action: h, actor: h, actorLogin: h + "x", target: h, targetLogin: h + "y", detail: h, address: h)
        }
        Self.check(admin.audit(entries, action: h), "the audit log")
        Self.check(admin.confirmAnonymize(userID: h, name: h, csrf: h, error: h), "the anonymization confirmation")
        let review = PlatformPages.PluginReview(
            id: h, name: h, version: h, abi: h, stability: h, checksum: h, state: "refused", refusal: h,
            actions: [PluginManifest.Action(id: h, defaults: [h])], routes: [], schoolsEnabled: 1)
        Self.check(PlatformPages(html: html).plugins([review]), "the plugin review")
    }

    /// The error page shows a refusal's message as text, whatever it holds.
    @Test func theErrorPage() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        let hostile = Self.hostile
        let routes: (Router<PortalRequestContext>) -> Void = { router in
            router.get("/probe/hostile") { _, _ -> Response in throw PageError(.badRequest, hostile) }
        }
        try await workspace.portal().withClient(extraRoutes: routes) { client in
            let page = try await client.get("/probe/hostile", headers: [.accept: "text/html"])
            #expect(page.status == .badRequest)
            Self.check(.trusted(page.text), "the error page")
            // The device page writes the code it was given back into its form.
            let lea = try await client.logInDemo("lea.martin")
            let code = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            var headers = lea.headers
            headers[.accept] = "text/html"
            let device = try await client.get("/device?user_code=\(code)", headers: headers)
            #expect(device.status == .ok)
            Self.check(.trusted(device.text), "the device page")
        }
    }
}
