// SQLUpstreamLoginStorage: the statements of upstream logins on both engines (sso_upstream_states, sso_upstream_pending, sso_upstream_links).
import Foundation

extension HostDatabase {
    /// Upstream logins in this database.
    package var upstreamLogins: any UpstreamLoginStorage { SQLUpstreamLoginStorage(database: self) }
}

struct SQLUpstreamLoginStorage: UpstreamLoginStorage {
    let database: HostDatabase

    func insertState(_ state: String, provider: String, _ record: UpstreamStateRecord) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO sso_upstream_states (state, provider, nonce, verifier, return_to, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [state, provider, record.nonce, record.verifier, record.returnTo, record.expiresAt?.formatted(.iso8601)])
        }
    }

    func takeState(_ state: String, provider: String) throws -> UpstreamStateRecord? {
        try database.write { db in
            let row = try SQLRow.fetchOne(
                db, sql: "SELECT * FROM sso_upstream_states WHERE state = ? AND provider = ?", arguments: [state, provider])
            try db.execute(sql: "DELETE FROM sso_upstream_states WHERE state = ?", arguments: [state])
            return row.map {
                UpstreamStateRecord(
                    nonce: $0["nonce"], verifier: $0["verifier"], returnTo: $0["return_to"],
                    expiresAt: ($0["expires_at"] as String?).flatMap { try? Date($0, strategy: .iso8601) })
            }
        }
    }

    func linkedUser(provider: String, subject: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT l.user_id FROM sso_upstream_links l JOIN users u ON u.id = l.user_id WHERE l.provider = ? AND l.subject = ? AND u.state = 'active'
                    """, arguments: [provider, subject])
        }
    }

    func holdPending(tokenHash: String, provider: String, subject: String, name: String?, expiresAt: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO sso_upstream_pending (token_hash, provider, subject, display_name, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, provider, subject, name, expiresAt.formatted(.iso8601)])
        }
    }

    func pending(tokenHash: String, now: Date) throws -> (provider: String, subject: String, name: String?)? {
        try database.read { db in
            try SQLRow.fetchOne(
                db, sql: "SELECT provider, subject, display_name FROM sso_upstream_pending WHERE token_hash = ? AND expires_at > ?",
                arguments: [tokenHash, now.formatted(.iso8601)]
            ).map { ($0["provider"], $0["subject"], $0["display_name"]) }
        }
    }

    func link(tokenHash: String, to userID: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            guard
                let row = try SQLRow.fetchOne(
                    db, sql: "SELECT provider, subject FROM sso_upstream_pending WHERE token_hash = ?", arguments: [tokenHash])
            else { return }
            try db.execute(
                sql: """
                    INSERT INTO sso_upstream_links (provider, subject, user_id, linked_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (provider, subject) DO UPDATE SET user_id = excluded.user_id, linked_at = excluded.linked_at
                    """, arguments: [row["provider"] as String, row["subject"] as String, userID, at.formatted(.iso8601)])
            try db.execute(sql: "DELETE FROM sso_upstream_pending WHERE token_hash = ?", arguments: [tokenHash])
            var audit = audit
            audit.target = row["provider"]
            try AuditLog.record(db, audit)
        }
    }
}
