// SSOGrantsStorage: what short-lived sign-in grants store — CAS service tickets, device codes, and users' consents to tools.
import Foundation

/// A CAS service ticket as stored.
package struct CASTicketRecord: Sendable, Equatable {
    package let clientID: String
    package let service: String
    package let userID: String
    package let schoolID: String
    package let primaryLogin: Bool
    package let expiresAt: Date?
    /// Whether it had been validated before this look-up.
    package let wasUsed: Bool

    package init(
        clientID: String, service: String, userID: String, schoolID: String, primaryLogin: Bool, expiresAt: Date?, wasUsed: Bool
    ) {
        self.clientID = clientID
        self.service = service
        self.userID = userID
        self.schoolID = schoolID
        self.primaryLogin = primaryLogin
        self.expiresAt = expiresAt
        self.wasUsed = wasUsed
    }
}

/// A device code (RFC 8628) as stored.
package struct DeviceCodeRecord: Sendable, Equatable {
    package let userCode: String
    package let clientID: String
    package let scope: String
    package let expiresAt: Date?
    package let intervalSeconds: Int
    package let lastPollAt: Date?
    /// nil (pending), `approved` or `denied`.
    package let decision: String?
    package let userID: String?
    package let schoolID: String?
    package let used: Bool

    package init(
        userCode: String, clientID: String, scope: String, expiresAt: Date?, intervalSeconds: Int, lastPollAt: Date?, decision: String?,
        userID: String?, schoolID: String?, used: Bool
    ) {
        self.userCode = userCode
        self.clientID = clientID
        self.scope = scope
        self.expiresAt = expiresAt
        self.intervalSeconds = intervalSeconds
        self.lastPollAt = lastPollAt
        self.decision = decision
        self.userID = userID
        self.schoolID = schoolID
        self.used = used
    }
}

/// What a poll changes on its device code, decided by the grant's rules.
package struct DevicePollChange: Sendable, Equatable {
    package var lastPollAt: Date
    package var intervalSeconds: Int?
    package var markUsed: Bool

    package init(lastPollAt: Date, intervalSeconds: Int? = nil, markUsed: Bool = false) {
        self.lastPollAt = lastPollAt
        self.intervalSeconds = intervalSeconds
        self.markUsed = markUsed
    }
}

/// A tool a user allowed, with the scopes allowed.
package struct ConsentRecord: Sendable, Equatable {
    package let clientID: String
    package let clientName: String
    /// Space-separated.
    package let scope: String
    package let grantedAt: String

    package init(clientID: String, clientName: String, scope: String, grantedAt: String) {
        self.clientID = clientID
        self.clientName = clientName
        self.scope = scope
        self.grantedAt = grantedAt
    }
}

/// Tickets, device codes and consents. Each function is one transaction.
package protocol SSOGrantsStorage: Sendable {
    func insertCASTicket(
        _ ticket: String, clientID: String, service: String, userID: String, schoolID: String, primaryLogin: Bool, expiresAt: Date) throws
    /// The ticket, spent at `at` if it was not yet: a ticket is good for one validation only.
    func spendCASTicket(_ ticket: String, at: Date) throws -> CASTicketRecord?

    func insertDeviceCode(hash: String, userCode: String, clientID: String, scope: String, expiresAt: Date, intervalSeconds: Int) throws
    /// A device code still waiting for the user's decision at `now`.
    func pendingDeviceCode(userCode: String, now: Date) throws -> DeviceCodeRecord?
    /// Records the user's decision on a pending code, with `audit`.
    func decideDeviceCode(userCode: String, approved: Bool, userID: String, schoolID: String, now: Date, audit: AuditEntry) throws
    /// Reads the code of `hash`, lets `decide` say what the poll changes and what it answers, and applies the change, atomically.
    func pollDeviceCode<Answer>(hash: String, _ decide: (DeviceCodeRecord) -> (DevicePollChange?, Answer)) throws -> Answer?

    /// The scopes (space-separated) `user` allowed `client`, or nil.
    func consentScope(user: String, client: String) throws -> String?
    /// Records or replaces a consent, with `audit`.
    func recordConsent(user: String, client: String, scope: String, at: Date, audit: AuditEntry) throws
    /// The user's consents, by the tool's name.
    func consents(of user: String) throws -> [ConsentRecord]
    /// Deletes the consent and revokes every token the tool holds for the user, with `audit`.
    func withdrawConsent(user: String, client: String, at: Date, audit: AuditEntry) throws
}
