// ShellView: what the shell around a page shows — the caller's apps, unread count, theme and account — gathered once per request.
import CartableText
import HostDomain

/// Prepared before rendering, in one blocking run: ``PortalPage`` and ``ShellHeader`` read nothing.
package struct ShellView: Sendable {
    package let language: String
    /// The apps the caller may open, in the launcher's order.
    package let apps: [PortalPage.App]
    /// The caller's unread timeline entries in their school (0 without one).
    package let unread: Int
    /// The caller's authority's theme, if it has one.
    package let theme: Themes.Theme?
    /// The logged-in caller; nil for a visitor.
    package let identity: CallerIdentity?
    /// The token the account bar's forms carry.
    package let csrfToken: String

    package init(
        language: String, apps: [PortalPage.App], unread: Int, theme: Themes.Theme?, identity: CallerIdentity?, csrfToken: String
    ) {
        self.language = language
        self.apps = apps
        self.unread = unread
        self.theme = theme
        self.identity = identity
        self.csrfToken = csrfToken
    }
}
