// SQLCredentialsStorage: the users, login_failures and sessions statements of logins and passwords, on both engines.
import Foundation

struct SQLCredentialsStorage: CredentialsStorage {
    let database: HostDatabase

    func loginAccount(login: String) throws -> LoginAccount? {
        try database.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT id, state, password_hash FROM users WHERE login = ?", arguments: [login]).map {
                LoginAccount(userID: $0["id"], state: $0["state"], passwordHash: $0["password_hash"])
            }
        }
    }

    func activationAccount(_ key: AccountKey) throws -> ActivationAccount? {
        let (condition, value) = key.condition()
        return try database.read { db in
            try SQLRow.fetchOne(
                db,
                sql: """
                    SELECT id, login, first_name, last_name, state, activation_code, activation_expires_at, password_hash
                    FROM users WHERE \(condition)
                    """, arguments: [value]
            ).map {
                ActivationAccount(
                    userID: $0["id"], login: $0["login"], firstName: $0["first_name"], lastName: $0["last_name"], state: $0["state"],
                    activationCode: $0["activation_code"], activationExpiresAt: $0["activation_expires_at"],
                    passwordHash: $0["password_hash"])
            }
        }
    }

    func recordLogin(failureKey: String, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE kind = 'account' AND key = ?", arguments: [failureKey])
            try AuditLog.record(db, audit)
        }
    }

    func recordRefusal(audit: AuditEntry) throws {
        try database.write { db in try AuditLog.record(db, audit) }
    }

    func recordFailure(_ keys: [(kind: String, key: String)], at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try SQLLoginFailuresStorage.record(db, keys, at: at)
            try AuditLog.record(db, audit)
        }
    }

    func setPassword(userID: String, hash: String, at: Date, failureKey: String, audit: AuditEntry) throws {
        try database.write { db in
            try Self.storePassword(db, userID: userID, hash: hash, at: at, failureKey: failureKey, audit: audit)
        }
    }

    /// What every new password does, inside the caller's transaction (see ``CredentialsStorage/setPassword(userID:hash:at:failureKey:audit:)``);
    /// a reset link sent before no longer works.
    static func storePassword(_ db: any SQLSession, userID: String, hash: String, at: Date, failureKey: String, audit: AuditEntry) throws {
        try db.execute(
            sql: """
                UPDATE users SET password_hash = ?, state = 'active', activation_code = NULL, activation_expires_at = NULL, updated_at = ?
                WHERE id = ? AND state IN ('pending', 'active')
                """,
            arguments: [hash, at.formatted(.iso8601), userID])
        try db.execute(
            sql: "UPDATE account_links SET used_at = ? WHERE user_id = ? AND purpose = 'password-reset' AND used_at IS NULL",
            arguments: [at.timeIntervalSince1970, userID])
        try SignOutEverywhere.run(db, userID: userID, at: at)
        try db.execute(sql: "DELETE FROM login_failures WHERE kind = 'account' AND key = ?", arguments: [failureKey])
        try AuditLog.record(db, audit)
    }

    func setResetCode(for account: AccountKey, code: String, expiresAt: String, audit: (String) -> AuditEntry) throws -> String? {
        let (condition, value) = account.condition()
        return try database.write { db in
            guard
                let id = try String.fetchOne(
                    db, sql: "SELECT id FROM users WHERE \(condition) AND state IN ('pending', 'active')", arguments: [value])
            else { return nil }
            try db.execute(
                sql: "UPDATE users SET activation_code = ?, activation_expires_at = ? WHERE id = ?", arguments: [code, expiresAt, id])
            try AuditLog.record(db, audit(id))
            return id
        }
    }
}
