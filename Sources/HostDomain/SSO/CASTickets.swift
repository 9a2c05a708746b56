// CASTickets: CAS 3.0 service tickets — random ST-… values, single use, short-lived, bound to the exact service URL.
import Foundation
import GRDB
import HostStorage

/// Issues and validates service tickets (CAS protocol 3.0 §3.1). A ticket validated for
/// another service than the one it was issued for is spent all the same.
package struct CASTickets: Sendable {
    /// What a valid ticket stands for.
    package struct Validated: Sendable, Equatable {
        package let clientID: String
        package let userID: String
        package let schoolID: String
        package let primaryLogin: Bool
    }

    /// The CAS error codes.
    package struct Failure: Error, Sendable, Equatable {
        package let code: String
        package let message: String
        package init(code: String, message: String) { (self.code, self.message) = (code, message) }
    }

    let database: SQLiteDatabase
    let lifetime: TimeInterval

    package init(database: SQLiteDatabase, lifetime: TimeInterval) {
        self.database = database
        self.lifetime = lifetime
    }

    /// A registered, enabled CAS service whose URL is exactly `service`.
    package func service(_ service: String) throws -> SSOClients.Client? {
        try database.pool.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT c.id FROM sso_clients c, json_each(c.redirect_uris) u
                    WHERE c.kind = 'cas' AND c.disabled_at IS NULL AND u.value = ? ORDER BY c.id LIMIT 1
                    """, arguments: [service]
            ).flatMap { try SSOClients.client(db, $0) }
        }
    }

    package func issue(
        client: SSOClients.Client, service: String, userID: String, schoolID: String, primaryLogin: Bool, now: Date = Date()
    ) throws -> String {
        // ST- and 64 hex digits (the SHA-256 of 32 random bytes): only [A-Za-z0-9-], as the protocol asks.
        let ticket = "ST-" + SessionStore.hash(SessionStore.randomToken())
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_cas_tickets (ticket, client_id, service, user_id, school_id, primary_login, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    ticket, client.id, service, userID, schoolID, primaryLogin, now.addingTimeInterval(lifetime).formatted(.iso8601),
                ])
        }
        return ticket
    }

    /// Validates (and spends) `ticket` for `service`.
    package func validate(ticket: String, service: String, renew: Bool, now: Date = Date()) throws -> Validated {
        guard !ticket.isEmpty, !service.isEmpty else {
            throw Failure(code: "INVALID_REQUEST", message: "'ticket' and 'service' are both required")
        }
        let outcome: Result<Validated, Failure> = try database.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sso_cas_tickets WHERE ticket = ?", arguments: [ticket]) else {
                return .failure(Failure(code: "INVALID_TICKET", message: "ticket \(ticket) not recognized"))
            }
            guard (row["used_at"] as String?) == nil else {
                return .failure(Failure(code: "INVALID_TICKET", message: "ticket \(ticket) was already used"))
            }
            // Spent whatever happens next: a ticket is good for one validation only.
            try db.execute(sql: "UPDATE sso_cas_tickets SET used_at = ? WHERE ticket = ?", arguments: [now.formatted(.iso8601), ticket])
            guard let expires = try? Date(row["expires_at"] as String, strategy: .iso8601), expires > now else {
                return .failure(Failure(code: "INVALID_TICKET", message: "ticket \(ticket) expired"))
            }
            guard row["service"] as String == service else {
                return .failure(Failure(code: "INVALID_SERVICE", message: "ticket \(ticket) was issued for another service"))
            }
            if renew, !(row["primary_login"] as Bool) {
                return .failure(Failure(code: "INVALID_TICKET", message: "ticket \(ticket) did not come from a fresh login (renew)"))
            }
            return .success(
                Validated(
                    clientID: row["client_id"], userID: row["user_id"], schoolID: row["school_id"], primaryLogin: row["primary_login"]))
        }
        return try outcome.get()
    }
}
