// SSOConsents: which tools a user allowed to sign them in, with which scopes; granting, reading and withdrawing that permission.
import Foundation
import HostStorage

/// The `sso_consents` of users.
package struct SSOConsents: Sendable {
    let storage: any SSOGrantsStorage

    package init(storage: any SSOGrantsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.ssoGrants)
    }

    /// A tool the user allowed, as their profile lists it.
    package struct Consent: Sendable, Equatable {
        package let clientID: String
        package let name: String
        package let scope: [String]
        package let grantedAt: String
    }

    /// Whether `user` already allowed `client` every scope of `scope`.
    package func covers(user: String, client: String, scope: [String]) throws -> Bool {
        guard let granted = try storage.consentScope(user: user, client: client) else { return false }
        return Set(scope).isSubset(of: Set(granted.split(separator: " ").map(String.init)))
    }

    /// Records (or widens) `user`'s consent to `client` for `scope`, audited.
    package func record(user: String, client: String, scope: [String]) throws {
        let text = scope.joined(separator: " ")
        try storage.recordConsent(
            user: user, client: client, scope: text, at: Date(),
            audit: AuditEntry(action: "sso.consent", actor: user, target: client, detail: text))
    }

    /// The tools `user` allowed, by name.
    package func consents(of user: String) throws -> [Consent] {
        try storage.consents(of: user).map {
            Consent(
                clientID: $0.clientID, name: $0.clientName, scope: $0.scope.split(separator: " ").map(String.init), grantedAt: $0.grantedAt)
        }
    }

    /// Withdraws `user`'s consent to `client` and revokes every token the tool holds for them, audited.
    package func withdraw(user: String, client: String) throws {
        try storage.withdrawConsent(
            user: user, client: client, at: Date(), audit: AuditEntry(action: "sso.consent.withdraw", actor: user, target: client))
    }
}
