// Portal+Page: gathers the shell's view of a request (apps, unread count, theme, account) once, and renders a full portal page with it.
import CartableText
import HostDomain
import HostStorage
import Logging
import PluginRuntime

extension Portal {
    /// What the shell shows this caller, read in one blocking run off the event loop. A failed read
    /// leaves the launcher empty and the count at 0 rather than failing the page, and is logged.
    func shellView(for context: PortalRequestContext, language: String) async -> ShellView {
        let identity = context.identity
        let gathered = await pool.run {
            Result { () throws -> (apps: [PortalPage.App], unread: Int, theme: Themes.Theme?) in
                let apps = try self.apps(for: identity, language: language)
                var unread = 0
                if let identity, let school = identity.school {
                    let plugins = Array(try self.modules.modules(of: school.id).keys)
                    unread = try self.timeline.unreadCount(viewer: identity.shareViewer, schoolID: school.id, plugins: plugins)
                }
                let theme = (identity?.school?.authorityID).flatMap { self.themes.theme(authorityID: $0, self.directory) }
                return (apps, unread, theme)
            }
        }
        var apps: [PortalPage.App] = [], unread = 0, theme: Themes.Theme?
        do {
            (apps, unread, theme) = try gathered.get()
        } catch {
            logger.error("cannot read the apps or notifications of the page: \(error)")
        }
        return ShellView(language: language, apps: apps, unread: unread, theme: theme, identity: identity, csrfToken: context.csrfToken)
    }

    /// The portal page around `fragment`, with the shell `shell` gathered for this request.
    /// `breadcrumbs`: the trail above the page, (label, local path); empty for none.
    func page(
        title: String, fragment: HTML, shell: ShellView, currentApp: String? = nil, breadcrumbs: [(label: String, path: String)] = [],
        appContent: String? = nil
    ) -> HTML {
        PortalPage(localizer: localizer).render(
            title: title, fragment: fragment, shell: shell, currentApp: currentApp, breadcrumbs: breadcrumbs, appContent: appContent)
    }

    /// The portal page around `fragment`, gathering the caller's shell first.
    func page(
        title: String, fragment: HTML, language: String, context: PortalRequestContext, currentApp: String? = nil,
        breadcrumbs: [(label: String, path: String)] = [], appContent: String? = nil
    ) async -> HTML {
        page(
            title: title, fragment: fragment, shell: await shellView(for: context, language: language), currentApp: currentApp,
            breadcrumbs: breadcrumbs, appContent: appContent)
    }
}
