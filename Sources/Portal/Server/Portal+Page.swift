// Portal+Page: renders a full portal page for a request, with its school's apps, its account bar and the unread count.
import HostDomain
import HostStorage
import Logging
import PluginRuntime

extension Portal {
    /// The portal page around `fragment`, with the caller's account bar, switchers and unread notifications.
    /// `breadcrumbs`: the trail above the page, (label, local path); empty for none. `unread`:
    /// the caller's unread count when the page already counted it (the home page), else read here.
    func page(
        title: String, fragment: String, language: String, context: PortalRequestContext, currentApp: String? = nil,
        breadcrumbs: [(label: String, path: String)] = [], unread counted: Int? = nil
    ) async -> String {
        var launcher: [PortalPage.App] = []
        var unread = counted ?? 0
        do {
            launcher = try apps(for: context.identity, language: language)
            if counted == nil, let identity = context.identity, let school = identity.school {
                let timeline = timeline, plugins = Array(try modules.modules(of: school.id).keys)
                unread = try await pool.run {
                    Result { try timeline.unreadCount(userID: identity.userID, schoolID: school.id, plugins: plugins) }
                }.get()
            }
        } catch {
            logger.error("cannot read the apps or notifications of the page: \(error)")
        }
        let account = AccountBar(localizer: localizer, language: language).render(
            identity: context.identity, csrf: context.csrfToken, unread: unread)
        let theme = (context.identity?.school?.authorityID).flatMap { themes.theme(authorityID: $0, directory) }
        return PortalPage(localizer: localizer).render(
            title: title, fragment: fragment, language: language, apps: launcher, currentApp: currentApp, account: account,
            breadcrumbs: breadcrumbs,
            theme: theme)
    }
}
