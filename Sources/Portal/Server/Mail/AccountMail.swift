// AccountMail: the messages that carry a reset or confirmation link, in the account's language.
import Foundation
import HostDomain
import HostLocales
import HostStorage

/// Plain text from the locale files (`mail.reset.*`, `mail.confirm.*`). The link is the only
/// place the token appears.
struct AccountMail {
    let localizer: Localizer
    /// `scheme://host[:port]` users reach the portal at.
    let base: String

    /// `fallback` is the language of the page that asked, for accounts that chose none.
    func reset(_ link: AccountLinks.Link, fallback: String) -> OutgoingMail {
        let language = link.account.language ?? fallback
        let url = "\(base)/auth/reset?token=\(link.token)"
        return OutgoingMail(
            to: link.email, toName: link.account.displayName, subject: localizer.text("mail.reset.subject", language),
            text: localizer.text(
                "mail.reset.body", language,
                arguments: [link.account.displayName, link.account.login, String(Int(AccountLinks.resetLifetime / 60)), url]))
    }

    func confirmation(_ link: AccountLinks.Link, fallback: String) -> OutgoingMail {
        let language = link.account.language ?? fallback
        let url = "\(base)/profile/email/confirm?token=\(link.token)"
        return OutgoingMail(
            to: link.email, toName: link.account.displayName, subject: localizer.text("mail.confirm.subject", language),
            text: localizer.text("mail.confirm.body", language, arguments: [link.account.displayName, link.email, url]))
    }
}
