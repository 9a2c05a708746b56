// Authenticator: checks logins and activations, throttled per account and per address, audited.
import Foundation
import GRDB
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
    package let database: SQLiteDatabase
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

    package init(database: SQLiteDatabase, hasher: PasswordHasher, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hasher = hasher
        self.now = now
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
        let user = try database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, state, password_hash FROM users WHERE login = ?", arguments: [account])
        }
        let hash: String? = user?["password_hash"]
        // Unknown logins cost a hash too, so timing does not tell which logins exist.
        let matches = hasher.verify(password, against: hash ?? decoy)
        guard let user, matches, hash != nil else {
            try fail(account: account, address: address, at: date, action: "login.failed", actor: user?["id"])
            // The same answer for unknown, not yet activated and wrong: the message does not tell which logins exist.
            throw Refusal(key: "auth.invalid", retryAfter: nil)
        }
        let id: String = user["id"]
        guard user["state"] as String == "active" else {
            try database.pool.write { db in
                try AuditLog.record(db, at: date, action: "login.refused", actor: id, detail: user["state"], address: address)
            }
            throw Refusal(key: "auth.blocked", retryAfter: nil)
        }
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE kind = 'account' AND key = ?", arguments: [account])
            try AuditLog.record(db, at: date, action: "login", actor: id, address: address)
        }
        return id
    }

    /// Sets the password of an account from its activation code (first activation) or from a
    /// reset code a school admin generated; returns the user id. A reset ends every session.
    package func activate(_ login: String, code: String, password: String, address: String) throws -> String {
        let account = login.trimmingCharacters(in: .whitespaces).lowercased()
        let date = now()
        try checkThrottle(account: account, address: address, at: date)
        let user = try database.pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, login, first_name, last_name, state, activation_code, activation_expires_at FROM users WHERE login = ?
                    """, arguments: [account])
        }
        let given = code.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let state: String? = user?["state"]
        guard let user, state == "pending" || state == "active", let stored = user["activation_code"] as String?, Self.same(stored, given)
        else {
            try fail(account: account, address: address, at: date, action: "activation.failed", actor: user?["id"])
            throw Refusal(key: "activation.invalid", retryAfter: nil)
        }
        if let expires = (user["activation_expires_at"] as String?).flatMap({ try? Date($0, strategy: .iso8601) }), expires < date {
            throw Refusal(key: "activation.expired", retryAfter: nil)
        }
        if let rule = PasswordPolicy.violation(password, login: user["login"], firstName: user["first_name"], lastName: user["last_name"]) {
            throw Refusal(key: rule, retryAfter: nil)
        }
        let hash = try hasher.hash(password)
        let id: String = user["id"]
        try database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET password_hash = ?, state = 'active', activation_code = NULL, activation_expires_at = NULL, updated_at = ?
                    WHERE id = ? AND state IN ('pending', 'active')
                    """,
                arguments: [hash, date.formatted(.iso8601), id])
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                arguments: [date.timeIntervalSince1970, id])
            // A new password ends the tools' sign-ins too: whoever knew the old one loses what it gave.
            try SSOTokenRevocation.revokeAll(db, userID: id, now: date)
            try db.execute(sql: "DELETE FROM login_failures WHERE kind = 'account' AND key = ?", arguments: [account])
            try AuditLog.record(db, at: date, action: state == "active" ? "password.reset" : "activation", actor: id, address: address)
        }
        return id
    }

    /// Gives an account a new single-use code to choose a new password at /auth/activate;
    /// returns the code. For school admins (`cartable admin reset-code`).
    package func issueResetCode(login: String, by actor: String?) throws -> String {
        try issueResetCode(matching: "login = ?", login.lowercased(), by: actor)
    }

    /// The same for the account `userID` (the console, once it checked the admin's reach).
    package func issueResetCode(userID: String, by actor: String?) throws -> String {
        try issueResetCode(matching: "id = ?", userID, by: actor)
    }

    private func issueResetCode(matching condition: String, _ value: String, by actor: String?) throws -> String {
        let code = ActivationCode.make()
        let date = now()
        let expires = date.addingTimeInterval(7 * 86_400).formatted(.iso8601)
        return try database.pool.write { db in
            guard
                let id = try String.fetchOne(
                    db, sql: "SELECT id FROM users WHERE \(condition) AND state IN ('pending', 'active')", arguments: [value])
            else {
                throw Refusal(key: "activation.invalid", retryAfter: nil)
            }
            try db.execute(
                sql: "UPDATE users SET activation_code = ?, activation_expires_at = ? WHERE id = ?", arguments: [code, expires, id])
            try AuditLog.record(db, at: date, action: "reset-code", actor: actor, target: id)
            return code
        }
    }

    var throttle: AttemptThrottle {
        var throttle = AttemptThrottle(database: database)
        throttle.window = window
        throttle.longestDelay = longestDelay
        return throttle
    }

    /// Refuses the attempt while the account's or the address's delay runs.
    private func checkThrottle(account: String, address: String, at date: Date) throws {
        let wait = try throttle.wait(
            [("account", account, freeAccountFailures), ("address", IPNetwork.throttleKey(address), freeAddressFailures)], at: date)
        if wait > 0 { throw Refusal(key: "auth.throttled", retryAfter: AttemptThrottle.retryAfter(wait)) }
    }

    /// Seconds to wait after the latest of `failures` failures: 5, 10, 20… up to ``longestDelay``.
    package func delay(afterFailures failures: Int, free: Int) -> TimeInterval {
        throttle.delay(afterFailures: failures, free: free)
    }

    private func fail(account: String, address: String, at date: Date, action: String, actor: String?) throws {
        try database.pool.write { db in
            try SQLiteLoginFailuresStorage.record(db, [("account", account), ("address", IPNetwork.throttleKey(address))], at: date)
            // A typed login can be anything: the audit log keeps its first 64 characters.
            try AuditLog.record(db, at: date, action: action, actor: actor, target: String(account.prefix(64)), address: address)
        }
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
