// AccountLinks: forgotten passwords and address confirmations by single-use links mailed to the account's address.
import Foundation
import HostStorage

/// A link's token is 256 random bits, sent once by mail and stored only as its SHA-256: it
/// works once, for ``resetLifetime`` (a password) or ``confirmationLifetime`` (an address), and
/// only while the account is active and still has the address it was sent to. A reset link
/// is sent only to a confirmed address; a new link, a new password or a changed address ends
/// the older ones. An account gets at most ``linksPerHour`` links of each kind an hour, so
/// nobody can flood a mailbox from the forgotten-password page.
package struct AccountLinks: Sendable {
    package let storage: any AccountLinksStorage
    package let hasher: PasswordHasher
    package let now: @Sendable () -> Date
    package static let resetLifetime: TimeInterval = 30 * 60
    package static let confirmationLifetime: TimeInterval = 24 * 3600
    package static let linksPerHour = 3

    package init(storage: any AccountLinksStorage, hasher: PasswordHasher, now: @escaping @Sendable () -> Date = Date.init) {
        self.storage = storage
        self.hasher = hasher
        self.now = now
    }

    /// A link to mail: its token goes into the URL, never into a log or the database.
    package struct Link: Sendable, Equatable {
        package let account: MailAccount
        package let email: String
        package let token: String
        package let expiresAt: Date
    }

    /// The reset link to mail for the account `login`, or nil when there is nothing to send (no
    /// such account, not active, no confirmed address, too many links lately). The request is
    /// audited either way; the caller answers the same in every case, so the page does not tell
    /// which logins exist.
    package func requestReset(login: String, address: String) throws -> Link? {
        let typed = login.trimmingCharacters(in: .whitespaces).lowercased()
        let date = now()
        let account = try storage.mailAccount(.login(typed))
        guard let account, account.state == "active", account.emailConfirmed, let email = account.email else {
            try storage.record(
                AuditEntry(
                    at: date, action: "password.forgot", actor: account?.userID, target: String(typed.prefix(64)), detail: "no-mail",
                    address: address))
            return nil
        }
        return try issue(
            .passwordReset, to: account, email: email, lifetime: Self.resetLifetime, at: date,
            audit: AuditEntry(
                at: date, action: "password.forgot", actor: account.userID, target: account.userID, detail: "mail", address: address))
    }

    /// The confirmation link to mail to the address of `userID`, or nil when it has none, is
    /// already confirmed, or got too many links lately.
    package func requestConfirmation(userID: String, address: String) throws -> Link? {
        let date = now()
        guard let account = try storage.mailAccount(.id(userID)), account.state == "active", !account.emailConfirmed,
            let email = account.email
        else { return nil }
        return try issue(
            .emailConfirmation, to: account, email: email, lifetime: Self.confirmationLifetime, at: date,
            audit: AuditEntry(at: date, action: "email.confirmation.sent", actor: userID, target: userID, address: address))
    }

    private func issue(
        _ purpose: AccountLinkPurpose, to account: MailAccount, email: String, lifetime: TimeInterval, at date: Date, audit: AuditEntry
    ) throws -> Link? {
        let token = SessionStore.randomToken()
        let expires = date.addingTimeInterval(lifetime)
        let stored = try storage.issue(
            purpose, tokenHash: SessionStore.hash(token), userID: account.userID, email: email, at: date, expiresAt: expires,
            limit: Self.linksPerHour, since: date.addingTimeInterval(-3600), audit: audit)
        return stored ? Link(account: account, email: email, token: token, expiresAt: expires) : nil
    }

    /// The account's address and whether its owner confirmed it (the profile page).
    package func mailAccount(userID: String) throws -> MailAccount? {
        try storage.mailAccount(.id(userID))
    }

    /// The account a reset link is for while it works, else nil (the page says the link is spent or expired).
    package func resetAccount(token: String) throws -> MailAccount? {
        try storage.liveLink(.passwordReset, tokenHash: SessionStore.hash(token), at: now())
    }

    /// Sets the password of the reset link's account (``PasswordPolicy`` applies); returns its id.
    /// Every session of the account ends. Slow (a hash): call it off the event loop.
    package func reset(token: String, password: String, address: String) throws -> String {
        let tokenHash = SessionStore.hash(token)
        let date = now()
        guard let account = try storage.liveLink(.passwordReset, tokenHash: tokenHash, at: date) else {
            throw Authenticator.Refusal(key: "reset.invalid", retryAfter: nil)
        }
        if let rule = PasswordPolicy.violation(password, login: account.login, firstName: account.firstName, lastName: account.lastName) {
            throw Authenticator.Refusal(key: rule, retryAfter: nil)
        }
        let hash = try hasher.hash(password)
        guard
            let userID = try storage.redeemReset(
                tokenHash: tokenHash, passwordHash: hash, at: date,
                audit: { AuditEntry(at: date, action: "password.reset.mail", actor: $0, target: $0, address: address) })
        else { throw Authenticator.Refusal(key: "reset.invalid", retryAfter: nil) }
        return userID
    }

    /// Confirms the address a confirmation link was sent to; returns the account's id, nil when the link does not work.
    package func confirm(token: String, address: String) throws -> String? {
        let date = now()
        return try storage.redeemConfirmation(tokenHash: SessionStore.hash(token), at: date) {
            AuditEntry(at: date, action: "email.confirm", actor: $0, target: $0, address: address)
        }
    }
}
