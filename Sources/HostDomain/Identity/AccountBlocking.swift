// AccountBlocking: a school admin blocks an account (sessions end, login refused) and unblocks it later.
import Foundation
import GRDB
import HostStorage

/// Blocking keeps everything the account owns; only logging in is refused, and its open
/// sessions end at once. Unblocking returns the account to `active`, or to `pending` when it
/// never chose a password.
package struct AccountBlocking: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Blocks `userID`; returns how many sessions ended. The caller checked the admin's reach.
    @discardableResult
    package func block(userID: String, by actor: String?, address: String? = nil) throws -> Int {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE users SET state = 'blocked', updated_at = ? WHERE id = ? AND state IN ('pending', 'active')",
                arguments: [Directory.now(), userID])
            guard db.changesCount > 0 else { throw AccessRefusal(key: try Self.unchangedReason(db, userID: userID, wanted: "blocked")) }
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                arguments: [Date().timeIntervalSince1970, userID])
            let ended = db.changesCount
            try SSOTokenRevocation.revokeAll(db, userID: userID, now: Date())
            try AuditLog.record(
                db, at: Date(), action: "account.block", actor: actor, target: userID, detail: "\(ended) sessions ended", address: address)
            return ended
        }
    }

    /// Unblocks `userID`.
    package func unblock(userID: String, by actor: String?, address: String? = nil) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET state = CASE WHEN password_hash IS NULL THEN 'pending' ELSE 'active' END, updated_at = ?
                    WHERE id = ? AND state = 'blocked'
                    """, arguments: [Directory.now(), userID])
            guard db.changesCount > 0 else { throw AccessRefusal(key: try Self.unchangedReason(db, userID: userID, wanted: "active")) }
            try AuditLog.record(db, at: Date(), action: "account.unblock", actor: actor, target: userID, address: address)
        }
    }

    private static func unchangedReason(_ db: GRDB.Database, userID: String, wanted: String) throws -> String {
        switch try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [userID]) {
        case nil: "refusal.no_account"
        case "anonymized": "refusal.account_anonymized"
        case "blocked" where wanted == "blocked": "refusal.already_blocked"
        default: "refusal.not_blocked"
        }
    }
}
