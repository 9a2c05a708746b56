// Portal+Page: renders a full portal page for a request, with its school's apps and its account bar.
import Logging
extension Portal {
    /// The portal page around `fragment`, with the caller's account bar and switchers.
    func page(title: String, fragment: String, language: String, context: PortalRequestContext, currentApp: String? = nil) -> String {
        let account = AccountBar(localizer: localizer, language: language).render(identity: context.identity, csrf: context.csrfToken)
        let launcher: [PortalPage.App]
        do {
            launcher = try apps(for: context.identity)
        } catch {
            logger.error("cannot read which apps are enabled: \(error)")
            launcher = []
        }
        return PortalPage(localizer: localizer).render(
            title: title, fragment: fragment, language: language, apps: launcher, currentApp: currentApp, account: account)
    }
}
