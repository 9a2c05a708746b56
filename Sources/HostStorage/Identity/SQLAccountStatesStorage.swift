// SQLAccountStatesStorage: blocking's statements on both engines (users, sessions, sso_tokens).
import Foundation

struct SQLAccountStatesStorage: AccountStatesStorage {
    let database: HostDatabase

    func block(userID: String, at: Date, audit: (Int) -> AuditEntry) throws -> AccountStateChange {
        try database.write { db in
            try db.execute(
                sql: "UPDATE users SET state = 'blocked', updated_at = ? WHERE id = ? AND state IN ('pending', 'active')",
                arguments: [at.formatted(.iso8601), userID])
            guard db.changesCount > 0 else { return .unchanged(state: try Self.state(db, userID)) }
            let ended = try SignOutEverywhere.run(db, userID: userID, at: at)
            try AuditLog.record(db, audit(ended))
            return .changed(endedSessions: ended)
        }
    }

    func unblock(userID: String, at: Date, audit: AuditEntry) throws -> AccountStateChange {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET state = CASE WHEN password_hash IS NULL THEN 'pending' ELSE 'active' END, updated_at = ?
                    WHERE id = ? AND state = 'blocked'
                    """, arguments: [at.formatted(.iso8601), userID])
            guard db.changesCount > 0 else { return .unchanged(state: try Self.state(db, userID)) }
            try AuditLog.record(db, audit)
            return .changed(endedSessions: 0)
        }
    }

    private static func state(_ db: any SQLSession, _ userID: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [userID])
    }
}
