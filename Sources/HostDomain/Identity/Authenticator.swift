// Authenticator: checks logins and activations, throttled per account and per address, audited.
import Foundation
import HostStorage

/// Verifies credentials against the directory.
///
/// Failures are counted per account and per client address (an IPv6 address by its /64)
/// over a sliding window. The first few are free; past them, each new attempt must wait
/// a delay that doubles with every further failure, up to ``longestDelay``, after the
/// latest one. An attempt during the delay is refused without checking the password (and
/// does not count), and the caller is told how long to wait. Nothing ever locks the right
/// password out for good: once the delay has passed, it logs in, from any address but a
/// throttled one. Every outcome goes to the audit log. Password work is slow: call these
/// off the event loop.
package struct Authenticator: Sendable {
    package let credentials: any CredentialsStorage
    package let failures: any LoginFailuresStorage
    package let hasher: PasswordHasher
    /// The clock, injectable for tests.
    package let now: @Sendable () -> Date
    /// Failures of one account within ``window`` before delays start.
    package var freeAccountFailures = 5
    /// Failures from one address (or IPv6 /64) within ``window`` before delays start.
    package var freeAddressFailures = 20
    package var window: TimeInterval = 15 * 60
    /// The delay stops doubling here.
    package var longestDelay: TimeInterval = 60

    package init(
        credentials: any CredentialsStorage, failures: any LoginFailuresStorage, hasher: PasswordHasher,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.credentials = credentials
        self.failures = failures
        self.hasher = hasher
        self.now = now
    }

    package init(database: HostDatabase, hasher: PasswordHasher, now: @escaping @Sendable () -> Date = Date.init) {
        self.init(credentials: database.credentials, failures: database.loginFailures, hasher: hasher, now: now)
    }

    /// Why a login or an activation was refused; `key` is the locale key of the message.
    package struct Refusal: Error, Equatable, CustomStringConvertible {
        package let key: String
        /// Seconds to wait, for throttling.
        package let retryAfter: Int?

        package init(key: String, retryAfter: Int?) {
            self.key = key
            self.retryAfter = retryAfter
        }

        package var description: String { retryAfter.map { "\(key) (retry in \($0) s)" } ?? key }
    }

    /// The user id for a correct login and password of an active account.
    package func login(_ login: String, password: String, address: String) throws -> String {
        let account = login.trimmingCharacters(in: .whitespaces).lowercased()
        let date = now()
        try checkThrottle(account: account, address: address, at: date)
        let user = try credentials.loginAccount(login: account)
        let hash = user?.passwordHash
        // Unknown logins cost a hash too, so timing does not tell which logins exist.
        let matches = hasher.verify(password, against: hash ?? decoy)
        guard let user, matches, hash != nil else {
            try fail(account: account, address: address, at: date, action: "login.failed", actor: user?.userID)
            // The same answer for unknown, not yet activated and wrong: the message does not tell which logins exist.
            throw Refusal(key: "auth.invalid", retryAfter: nil)
        }
        let id = user.userID
        guard user.state == "active" else {
            try credentials.recordRefusal(
                audit: AuditEntry(at: date, action: "login.refused", actor: id, detail: user.state, address: address))
            throw Refusal(key: "auth.blocked", retryAfter: nil)
        }
        try credentials.recordLogin(failureKey: account, audit: AuditEntry(at: date, action: "login", actor: id, address: address))
        return id
    }

    /// Sets the password of an account from its activation code (first activation) or from a
    /// reset code a school admin generated; returns the user id. A reset ends every session.
    package func activate(_ login: String, code: String, password: String, address: String) throws -> String {
        let account = login.trimmingCharacters(in: .whitespaces).lowercased()
        let date = now()
        try checkThrottle(account: account, address: address, at: date)
        let user = try credentials.activationAccount(.login(account))
        let given = code.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let state = user?.state
        guard let user, state == "pending" || state == "active", let stored = user.activationCode, Self.same(stored, given)
        else {
            try fail(account: account, address: address, at: date, action: "activation.failed", actor: user?.userID)
            throw Refusal(key: "activation.invalid", retryAfter: nil)
        }
        if let expires = user.activationExpiresAt.flatMap({ try? Date($0, strategy: .iso8601) }), expires < date {
            throw Refusal(key: "activation.expired", retryAfter: nil)
        }
        if let rule = PasswordPolicy.violation(password, login: user.login, firstName: user.firstName, lastName: user.lastName) {
            throw Refusal(key: rule, retryAfter: nil)
        }
        let hash = try hasher.hash(password)
        // A new password ends the tools' sign-ins too: whoever knew the old one loses what it gave.
        try credentials.setPassword(
            userID: user.userID, hash: hash, at: date, failureKey: account,
            audit: AuditEntry(at: date, action: state == "active" ? "password.reset" : "activation", actor: user.userID, address: address))
        return user.userID
    }

    /// Gives an account a new single-use code to choose a new password at /auth/activate;
    /// returns the code. For school admins (`cartable admin reset-code`).
    package func issueResetCode(login: String, by actor: String?) throws -> String {
        try issueResetCode(for: .login(login.lowercased()), by: actor)
    }

    /// The same for the account `userID` (the console, once it checked the admin's reach).
    package func issueResetCode(userID: String, by actor: String?) throws -> String {
        try issueResetCode(for: .id(userID), by: actor)
    }

    private func issueResetCode(for account: AccountKey, by actor: String?) throws -> String {
        let code = ActivationCode.make()
        let date = now()
        let expires = date.addingTimeInterval(7 * 86_400).formatted(.iso8601)
        let found = try credentials.setResetCode(for: account, code: code, expiresAt: expires) { id in
            AuditEntry(at: date, action: "reset-code", actor: actor, target: id)
        }
        guard found != nil else { throw Refusal(key: "activation.invalid", retryAfter: nil) }
        return code
    }

    var throttle: AttemptThrottle {
        var throttle = AttemptThrottle(storage: failures)
        throttle.window = window
        throttle.longestDelay = longestDelay
        return throttle
    }

    /// Refuses the attempt while the account's or the address's delay runs.
    func checkThrottle(account: String, address: String, at date: Date) throws {
        let wait = try throttle.wait(
            [("account", account, freeAccountFailures), ("address", IPNetwork.throttleKey(address), freeAddressFailures)], at: date)
        if wait > 0 { throw Refusal(key: "auth.throttled", retryAfter: AttemptThrottle.retryAfter(wait)) }
    }

    /// Seconds to wait after the latest of `failures` failures: 5, 10, 20… up to ``longestDelay``.
    package func delay(afterFailures failures: Int, free: Int) -> TimeInterval {
        throttle.delay(afterFailures: failures, free: free)
    }

    func fail(account: String, address: String, at date: Date, action: String, actor: String?) throws {
        // A typed login can be anything: the audit log keeps its first 64 characters.
        try credentials.recordFailure(
            [("account", account), ("address", IPNetwork.throttleKey(address))], at: date,
            audit: AuditEntry(at: date, action: action, actor: actor, target: String(account.prefix(64)), address: address))
    }

    /// Constant-time comparison of two codes.
    package static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        return a.count == b.count && zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A well-formed hash at the current cost that no password matches, verified when the
    /// login is unknown.
    var decoy: String {
        "scrypt$\(1 << hasher.costLog2)$8$1$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    }
}
