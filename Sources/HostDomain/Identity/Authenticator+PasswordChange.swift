// Authenticator+PasswordChange: a logged-in user chooses a new password, proving the current one.
import Foundation
import HostStorage

extension Authenticator {
    /// Replaces the password of the active account `userID` once `current` matches: the new one
    /// follows ``PasswordPolicy`` and differs from it. Every session of the account and every
    /// token its sign-ins gave tools end (the caller opens a new session for the browser that
    /// asked), and the change is audited. A wrong current password counts as a failed login
    /// of the account, so it cannot be guessed from an unattended session faster than at the
    /// login page. Slow (two hashes): call it off the event loop.
    package func changePassword(userID: String, current: String, new password: String, address: String) throws {
        guard let user = try credentials.activationAccount(.id(userID)), user.state == "active", let hash = user.passwordHash else {
            throw Refusal(key: "password.change_unavailable", retryAfter: nil)
        }
        let date = now()
        try checkThrottle(account: user.login, address: address, at: date)
        guard hasher.verify(current, against: hash) else {
            try fail(account: user.login, address: address, at: date, action: "password.change.failed", actor: userID)
            throw Refusal(key: "password.current_wrong", retryAfter: nil)
        }
        if password == current { throw Refusal(key: "password.unchanged", retryAfter: nil) }
        if let rule = PasswordPolicy.violation(password, login: user.login, firstName: user.firstName, lastName: user.lastName) {
            throw Refusal(key: rule, retryAfter: nil)
        }
        try credentials.setPassword(
            userID: userID, hash: try hasher.hash(password), at: date, failureKey: user.login,
            audit: AuditEntry(at: date, action: "password.change", actor: userID, target: userID, address: address))
    }
}
