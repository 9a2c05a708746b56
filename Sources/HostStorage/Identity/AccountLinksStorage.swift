// AccountLinksStorage: what password resets and address confirmations store — single-use links by their token's hash, the confirmed address.
import Foundation

/// What a link is for.
package enum AccountLinkPurpose: String, Sendable {
    case passwordReset = "password-reset"
    case emailConfirmation = "email-confirmation"
}

/// An account as mail to it needs it: whom to write to, in which language, and the names the password policy checks.
package struct MailAccount: Sendable, Equatable {
    package let userID: String
    package let login: String
    package let firstName: String
    package let lastName: String
    package let displayName: String
    package let state: String
    package let email: String?
    /// Whether the owner confirmed `email` from a link sent to it.
    package let emailConfirmed: Bool
    package let language: String?

    package init(
        userID: String, login: String, firstName: String, lastName: String, displayName: String, state: String, email: String?,
        emailConfirmed: Bool, language: String?
    ) {
        self.userID = userID
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.state = state
        self.email = email
        self.emailConfirmed = emailConfirmed
        self.language = language
    }
}

package protocol AccountLinksStorage: Sendable {
    func mailAccount(_ key: AccountKey) throws -> MailAccount?
    /// Stores a link for `userID` to `email`, valid until `expiresAt`, and ends the account's older
    /// unused links of the same purpose, with `audit`, in one transaction. Stores nothing and
    /// returns false when `limit` links of this purpose were issued to the account since `since`.
    func issue(
        _ purpose: AccountLinkPurpose, tokenHash: String, userID: String, email: String, at: Date, expiresAt: Date, limit: Int,
        since: Date, audit: AuditEntry
    ) throws -> Bool
    /// The account of a live link: unused, not expired at `at`, its account active and still at the
    /// address it was sent to (and, for a reset, that address confirmed).
    func liveLink(_ purpose: AccountLinkPurpose, tokenHash: String, at: Date) throws -> MailAccount?
    /// Uses a live reset link: the account's password becomes `passwordHash`, its codes, failures
    /// and every other link end, every session and tool token ends, with `audit(userID)`, in one
    /// transaction. Returns the account's id, nil when the link is not live.
    func redeemReset(tokenHash: String, passwordHash: String, at: Date, audit: (String) -> AuditEntry) throws -> String?
    /// Uses a live confirmation link: the account's address is confirmed, with `audit(userID)`.
    /// Returns the account's id, nil when the link is not live.
    func redeemConfirmation(tokenHash: String, at: Date, audit: (String) -> AuditEntry) throws -> String?
    /// Records an entry that changes nothing else (a reset asked for an account that gets no mail).
    func record(_ audit: AuditEntry) throws
}

extension HostDatabase {
    /// Password-reset and confirmation links in this database.
    package var accountLinks: any AccountLinksStorage { SQLAccountLinksStorage(database: self) }
}
