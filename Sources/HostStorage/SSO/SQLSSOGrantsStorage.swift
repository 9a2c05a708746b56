// SQLSSOGrantsStorage: the statements of tickets, device codes and consents on both engines (sso_cas_tickets, sso_device_codes, sso_consents).
import Foundation

extension HostDatabase {
    /// CAS tickets, device codes and consents in this database.
    package var ssoGrants: any SSOGrantsStorage { SQLSSOGrantsStorage(database: self) }
}

struct SQLSSOGrantsStorage: SSOGrantsStorage {
    let database: HostDatabase

    private static func date(_ text: String?) -> Date? {
        text.flatMap { try? Date($0, strategy: .iso8601) }
    }

    func insertCASTicket(
        _ ticket: String, clientID: String, service: String, userID: String, schoolID: String, primaryLogin: Bool, expiresAt: Date
    ) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_cas_tickets (ticket, client_id, service, user_id, school_id, primary_login, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [ticket, clientID, service, userID, schoolID, primaryLogin, expiresAt.formatted(.iso8601)])
        }
    }

    func spendCASTicket(_ ticket: String, at: Date) throws -> CASTicketRecord? {
        try database.write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM sso_cas_tickets WHERE ticket = ?", arguments: [ticket]) else {
                return nil
            }
            let wasUsed = (row["used_at"] as String?) != nil
            if !wasUsed {
                try db.execute(sql: "UPDATE sso_cas_tickets SET used_at = ? WHERE ticket = ?", arguments: [at.formatted(.iso8601), ticket])
            }
            return CASTicketRecord(
                clientID: row["client_id"], service: row["service"], userID: row["user_id"], schoolID: row["school_id"],
                primaryLogin: row["primary_login"], expiresAt: Self.date(row["expires_at"]), wasUsed: wasUsed)
        }
    }

    func insertDeviceCode(hash: String, userCode: String, clientID: String, scope: String, expiresAt: Date, intervalSeconds: Int) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_device_codes (device_code_hash, user_code, client_id, scope, expires_at, interval_seconds) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [hash, userCode, clientID, scope, expiresAt.formatted(.iso8601), intervalSeconds])
        }
    }

    private static func deviceCode(_ row: SQLRow) -> DeviceCodeRecord {
        DeviceCodeRecord(
            userCode: row["user_code"], clientID: row["client_id"], scope: row["scope"], expiresAt: date(row["expires_at"]),
            intervalSeconds: row["interval_seconds"], lastPollAt: date(row["last_poll_at"]), decision: row["decision"],
            userID: row["user_id"], schoolID: row["school_id"], used: (row["used_at"] as String?) != nil)
    }

    func pendingDeviceCode(userCode: String, now: Date) throws -> DeviceCodeRecord? {
        try database.read { db in
            try SQLRow.fetchOne(
                db, sql: "SELECT * FROM sso_device_codes WHERE user_code = ? AND decision IS NULL AND expires_at > ?",
                arguments: [userCode, now.formatted(.iso8601)]
            ).map(Self.deviceCode)
        }
    }

    func decideDeviceCode(userCode: String, approved: Bool, userID: String, schoolID: String, now: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE sso_device_codes SET decision = ?, user_id = ?, school_id = ? WHERE user_code = ? AND decision IS NULL AND expires_at > ?
                    """, arguments: [approved ? "approved" : "denied", userID, schoolID, userCode, now.formatted(.iso8601)])
            try AuditLog.record(db, audit)
        }
    }

    func pollDeviceCode<Answer>(hash: String, _ decide: (DeviceCodeRecord) -> (DevicePollChange?, Answer)) throws -> Answer? {
        try database.write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM sso_device_codes WHERE device_code_hash = ?", arguments: [hash])
            else {
                return nil
            }
            let (change, answer) = decide(Self.deviceCode(row))
            if let change {
                try db.execute(
                    sql: """
                        UPDATE sso_device_codes SET last_poll_at = ?, interval_seconds = coalesce(?, interval_seconds),
                            used_at = CASE WHEN ? = 1 THEN ? ELSE used_at END
                        WHERE device_code_hash = ?
                        """,
                    arguments: [
                        change.lastPollAt.formatted(.iso8601), change.intervalSeconds, change.markUsed,
                        change.lastPollAt.formatted(.iso8601),
                        hash,
                    ])
            }
            return answer
        }
    }

    func consentScope(user: String, client: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT scope FROM sso_consents WHERE user_id = ? AND client_id = ?", arguments: [user, client])
        }
    }

    func recordConsent(user: String, client: String, scope: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_consents (user_id, client_id, scope, granted_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at
                    """, arguments: [user, client, scope, at.formatted(.iso8601)])
            try AuditLog.record(db, audit)
        }
    }

    func consents(of user: String) throws -> [ConsentRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, s.scope, s.granted_at FROM sso_consents s JOIN sso_clients c ON c.id = s.client_id
                    WHERE s.user_id = ? ORDER BY c.name
                    """, arguments: [user]
            ).map { ConsentRecord(clientID: $0["id"], clientName: $0["name"], scope: $0["scope"], grantedAt: $0["granted_at"]) }
        }
    }

    func withdrawConsent(user: String, client: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM sso_consents WHERE user_id = ? AND client_id = ?", arguments: [user, client])
            try db.execute(
                sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL",
                arguments: [at.formatted(.iso8601), user, client])
            try AuditLog.record(db, audit)
        }
    }
}
