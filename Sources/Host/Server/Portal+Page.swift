// Portal+Page: renders a full portal page for a request, with its account bar.
extension Portal {
    /// The portal page around `fragment`, with the caller's account bar and switchers.
    func page(title: String, fragment: String, language: String, context: PortalRequestContext, currentApp: String? = nil) -> String {
        let account = AccountBar(localizer: localizer, language: language).render(identity: context.identity, csrf: context.csrfToken)
        return PortalPage(localizer: localizer).render(
            title: title, fragment: fragment, language: language, apps: apps, currentApp: currentApp, account: account)
    }
}
