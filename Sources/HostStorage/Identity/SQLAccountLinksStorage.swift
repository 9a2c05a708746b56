// SQLAccountLinksStorage: the account_links statements and the users columns they read and change, on both engines.
import Foundation

struct SQLAccountLinksStorage: AccountLinksStorage {
    let database: HostDatabase

    private static let accountColumns = """
        u.id, u.login, u.first_name, u.last_name, u.display_name, u.state, u.email, u.email_verified_at IS NOT NULL AS confirmed, u.language
        """

    private static func account(_ row: SQLRow) -> MailAccount {
        MailAccount(
            userID: row["id"], login: row["login"], firstName: row["first_name"], lastName: row["last_name"],
            displayName: row["display_name"], state: row["state"], email: row["email"], emailConfirmed: row["confirmed"],
            language: row["language"])
    }

    func mailAccount(_ key: AccountKey) throws -> MailAccount? {
        let (condition, value) = key.condition(alias: "u")
        return try database.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT \(Self.accountColumns) FROM users u WHERE \(condition)", arguments: [value]).map(
                Self.account)
        }
    }

    func issue(
        _ purpose: AccountLinkPurpose, tokenHash: String, userID: String, email: String, at: Date, expiresAt: Date, limit: Int,
        since: Date, audit: AuditEntry
    ) throws -> Bool {
        try database.write { db in
            let recent =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM account_links WHERE user_id = ? AND purpose = ? AND created_at >= ?",
                    arguments: [userID, purpose.rawValue, since.timeIntervalSince1970]) ?? 0
            guard recent < limit else { return false }
            try db.execute(
                sql: "UPDATE account_links SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
                arguments: [at.timeIntervalSince1970, userID, purpose.rawValue])
            try db.execute(
                sql: """
                    INSERT INTO account_links (token_hash, purpose, user_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [tokenHash, purpose.rawValue, userID, email, at.timeIntervalSince1970, expiresAt.timeIntervalSince1970])
            try AuditLog.record(db, audit)
            return true
        }
    }

    func liveLink(_ purpose: AccountLinkPurpose, tokenHash: String, at: Date) throws -> MailAccount? {
        try database.read { db in try Self.live(db, purpose, tokenHash: tokenHash, at: at) }
    }

    /// The link's account when it is live (see ``AccountLinksStorage/liveLink(_:tokenHash:at:)``).
    private static func live(_ db: any SQLSession, _ purpose: AccountLinkPurpose, tokenHash: String, at: Date) throws -> MailAccount? {
        let confirmed = purpose == .passwordReset ? "AND u.email_verified_at IS NOT NULL" : ""
        return try SQLRow.fetchOne(
            db,
            sql: """
                SELECT \(accountColumns) FROM account_links l JOIN users u ON u.id = l.user_id
                WHERE l.token_hash = ? AND l.purpose = ? AND l.used_at IS NULL AND l.expires_at > ?
                    AND u.state = 'active' AND u.email = l.email \(confirmed)
                """, arguments: [tokenHash, purpose.rawValue, at.timeIntervalSince1970]
        ).map(account)
    }

    func redeemReset(tokenHash: String, passwordHash: String, at: Date, audit: (String) -> AuditEntry) throws -> String? {
        try database.write { db in
            guard let account = try Self.live(db, .passwordReset, tokenHash: tokenHash, at: at) else { return nil }
            // The new password ends this link and any other reset link of the account.
            try SQLCredentialsStorage.storePassword(
                db, userID: account.userID, hash: passwordHash, at: at, failureKey: account.login, audit: audit(account.userID))
            return account.userID
        }
    }

    func redeemConfirmation(tokenHash: String, at: Date, audit: (String) -> AuditEntry) throws -> String? {
        try database.write { db in
            guard let account = try Self.live(db, .emailConfirmation, tokenHash: tokenHash, at: at) else { return nil }
            try db.execute(
                sql: "UPDATE account_links SET used_at = ? WHERE token_hash = ?", arguments: [at.timeIntervalSince1970, tokenHash])
            try db.execute(
                sql: "UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ?",
                arguments: [at.formatted(.iso8601), at.formatted(.iso8601), account.userID])
            try AuditLog.record(db, audit(account.userID))
            return account.userID
        }
    }

    func record(_ audit: AuditEntry) throws {
        try database.write { db in try AuditLog.record(db, audit) }
    }
}
