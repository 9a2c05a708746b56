// CASTickets: CAS 3.0 service tickets — random ST-… values, single use, short-lived, bound to the exact service URL.
import Foundation
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

    let storage: any SSOGrantsStorage
    let clients: SSOClients
    let lifetime: TimeInterval

    package init(storage: any SSOGrantsStorage, clients: SSOClients, lifetime: TimeInterval) {
        self.storage = storage
        self.clients = clients
        self.lifetime = lifetime
    }

    package init(database: HostDatabase, lifetime: TimeInterval) {
        self.init(storage: database.ssoGrants, clients: SSOClients(database: database), lifetime: lifetime)
    }

    /// A registered, enabled CAS service whose URL is exactly `service`.
    package func service(_ service: String) throws -> SSOClients.Client? {
        try clients.casService(service)
    }

    package func issue(
        client: SSOClients.Client, service: String, userID: String, schoolID: String, primaryLogin: Bool, now: Date = Date()
    ) throws -> String {
        // ST- and 64 hex digits (the SHA-256 of 32 random bytes): only [A-Za-z0-9-], as the protocol asks.
        let ticket = "ST-" + SessionStore.hash(SessionStore.randomToken())
        try storage.insertCASTicket(
            ticket, clientID: client.id, service: service, userID: userID, schoolID: schoolID, primaryLogin: primaryLogin,
            expiresAt: now.addingTimeInterval(lifetime))
        return ticket
    }

    /// Validates (and spends) `ticket` for `service`. A ticket validated for another service
    /// than the one it was issued for is spent all the same.
    package func validate(ticket: String, service: String, renew: Bool, now: Date = Date()) throws -> Validated {
        guard !ticket.isEmpty, !service.isEmpty else {
            throw Failure(code: "INVALID_REQUEST", message: "'ticket' and 'service' are both required")
        }
        guard let record = try storage.spendCASTicket(ticket, at: now) else {
            throw Failure(code: "INVALID_TICKET", message: "ticket \(ticket) not recognized")
        }
        guard !record.wasUsed else { throw Failure(code: "INVALID_TICKET", message: "ticket \(ticket) was already used") }
        guard let expires = record.expiresAt, expires > now else {
            throw Failure(code: "INVALID_TICKET", message: "ticket \(ticket) expired")
        }
        guard record.service == service else {
            throw Failure(code: "INVALID_SERVICE", message: "ticket \(ticket) was issued for another service")
        }
        if renew, !record.primaryLogin {
            throw Failure(code: "INVALID_TICKET", message: "ticket \(ticket) did not come from a fresh login (renew)")
        }
        return Validated(clientID: record.clientID, userID: record.userID, schoolID: record.schoolID, primaryLogin: record.primaryLogin)
    }
}
