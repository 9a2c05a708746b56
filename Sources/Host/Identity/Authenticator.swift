// Authenticator: checks logins and activations, throttled per account and per address, audited.
import Foundation
import GRDB

/// Verifies credentials against the directory.
///
/// Failures are counted per account and per client address over a sliding window; past
/// the limit, attempts are refused without checking the password until the window lets
/// the oldest failure go, and the caller is told how long to wait. Every outcome goes to
/// the audit log. Password work is slow: call these off the event loop.
package struct Authenticator: Sendable {
    package let database: Database
    package let hasher: PasswordHasher
    /// The clock, injectable for tests.
    package let now: @Sendable () -> Date
    package var accountLimit = 5
    package var addressLimit = 20
    package var window: TimeInterval = 15 * 60

    package init(database: Database, hasher: PasswordHasher, now: @escaping @Sendable () -> Date = Date.init) {
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
            throw Refusal(key: user?["state"] == "pending" && hash == nil ? "auth.not_activated" : "auth.invalid", retryAfter: nil)
        }
        let id: String = user["id"]
        guard user["state"] as String == "active" else {
            try database.pool.write { db in try AuditLog.record(db, at: date, action: "login.refused", actor: id, detail: user["state"], address: address) }
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
            try Row.fetchOne(db, sql: """
                SELECT id, login, first_name, last_name, state, activation_code, activation_expires_at FROM users WHERE login = ?
                """, arguments: [account])
        }
        let given = code.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let state: String? = user?["state"]
        guard let user, state == "pending" || state == "active", let stored = user["activation_code"] as String?, Self.same(stored, given) else {
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
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", arguments: [date.timeIntervalSince1970, id])
            try db.execute(sql: "DELETE FROM login_failures WHERE kind = 'account' AND key = ?", arguments: [account])
            try AuditLog.record(db, at: date, action: state == "active" ? "password.reset" : "activation", actor: id, address: address)
        }
        return id
    }

    /// Gives an account a new single-use code to choose a new password at /auth/activate;
    /// returns the code. For school admins (`cartable admin reset-code`).
    package func issueResetCode(login: String, by actor: String?) throws -> String {
        let code = ActivationCode.make()
        let date = now()
        let expires = date.addingTimeInterval(7 * 86_400).formatted(.iso8601)
        return try database.pool.write { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ? AND state IN ('pending', 'active')", arguments: [login.lowercased()]) else {
                throw Refusal(key: "activation.invalid", retryAfter: nil)
            }
            try db.execute(sql: "UPDATE users SET activation_code = ?, activation_expires_at = ? WHERE id = ?", arguments: [code, expires, id])
            try AuditLog.record(db, at: date, action: "reset-code", actor: actor, target: id)
            return code
        }
    }

    private func checkThrottle(account: String, address: String, at date: Date) throws {
        let since = date.timeIntervalSince1970 - window
        let (accountFailures, addressFailures) = try database.pool.read { db in
            (try Double.fetchAll(db, sql: "SELECT at FROM login_failures WHERE kind = 'account' AND key = ? AND at > ? ORDER BY at", arguments: [account, since]),
             try Double.fetchAll(db, sql: "SELECT at FROM login_failures WHERE kind = 'address' AND key = ? AND at > ? ORDER BY at", arguments: [address, since]))
        }
        for (failures, limit) in [(accountFailures, accountLimit), (addressFailures, addressLimit)] where failures.count >= limit {
            // Wait until enough old failures leave the window.
            let release = failures[failures.count - limit] + window
            throw Refusal(key: "auth.throttled", retryAfter: max(1, Int((release - date.timeIntervalSince1970).rounded(.up))))
        }
    }

    private func fail(account: String, address: String, at date: Date, action: String, actor: String?) throws {
        try database.pool.write { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO login_failures (kind, key, at) VALUES (?, ?, ?)")
            try statement.execute(arguments: ["account", account, date.timeIntervalSince1970])
            try statement.execute(arguments: ["address", address, date.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM login_failures WHERE at < ?", arguments: [date.timeIntervalSince1970 - 2 * window])
            try AuditLog.record(db, at: date, action: action, actor: actor, target: account, address: address)
        }
    }

    /// Constant-time comparison of two codes.
    static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        return a.count == b.count && zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A well-formed hash at the current cost that no password matches, verified when the
    /// login is unknown.
    var decoy: String {
        "scrypt$\(1 << hasher.costLog2)$8$1$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    }
}
