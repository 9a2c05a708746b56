// CredentialsStorage: what logging in and setting a password store — an account's hash and codes, its failures cleared, audited.
import Foundation

/// What a login checks: the account of a login, its state and password hash.
package struct LoginAccount: Sendable, Equatable {
    package let userID: String
    package let state: String
    package let passwordHash: String?

    package init(userID: String, state: String, passwordHash: String?) {
        self.userID = userID
        self.state = state
        self.passwordHash = passwordHash
    }
}

/// What an activation checks: the account's names (for the password policy), state and code.
package struct ActivationAccount: Sendable, Equatable {
    package let userID: String
    package let login: String
    package let firstName: String
    package let lastName: String
    package let state: String
    package let activationCode: String?
    /// ISO 8601.
    package let activationExpiresAt: String?
    /// What a change of password checks the current one against; nil before the first activation.
    package let passwordHash: String?

    package init(
        userID: String, login: String, firstName: String, lastName: String, state: String, activationCode: String?,
        activationExpiresAt: String?, passwordHash: String?
    ) {
        self.userID = userID
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.state = state
        self.activationCode = activationCode
        self.activationExpiresAt = activationExpiresAt
        self.passwordHash = passwordHash
    }
}

/// Which account a reset code is for.
package enum AccountKey: Sendable, Equatable {
    case login(String)
    case id(String)

    /// The `WHERE` condition on `users` (as `alias`, when the statement names it) that finds the account, and its argument.
    func condition(alias: String = "") -> (String, String) {
        let column = alias.isEmpty ? "" : alias + "."
        return switch self {
        case .login(let login): ("\(column)login = ?", login)
        case .id(let id): ("\(column)id = ?", id)
        }
    }
}

package protocol CredentialsStorage: Sendable {
    func loginAccount(login: String) throws -> LoginAccount?
    /// The account of a login, or of an id, with what an activation or a change of password checks.
    func activationAccount(_ key: AccountKey) throws -> ActivationAccount?
    /// A successful login: the account's failures are forgotten, `audit` recorded, in one transaction.
    func recordLogin(failureKey: String, audit: AuditEntry) throws
    /// A right password for an account that may not log in (blocked): only `audit`, no failure counted.
    func recordRefusal(audit: AuditEntry) throws
    /// A failed attempt: one failure under each key and `audit`, in one transaction.
    func recordFailure(_ keys: [(kind: String, key: String)], at: Date, audit: AuditEntry) throws
    /// Sets the password of a pending or active account and makes it active, clears its code, ends its
    /// sessions and tools' tokens and forgets its failures, with `audit`, in one transaction.
    func setPassword(userID: String, hash: String, at: Date, failureKey: String, audit: AuditEntry) throws
    /// Gives a pending or active account a new code valid until `expiresAt` (ISO 8601), with
    /// `audit(userID)`; returns the account's id, nil for no such account.
    func setResetCode(for account: AccountKey, code: String, expiresAt: String, audit: (String) -> AuditEntry) throws -> String?
}

extension HostDatabase {
    /// Accounts' credentials in this database.
    package var credentials: any CredentialsStorage { SQLCredentialsStorage(database: self) }
}
