// UpstreamLoginStorage: what logging in through another identity provider stores — pending states, unlinked identities, links to accounts.
import Foundation

/// A login this portal started with a provider.
package struct UpstreamStateRecord: Sendable, Equatable {
    package let nonce: String
    package let verifier: String
    package let returnTo: String
    package let expiresAt: Date?

    package init(nonce: String, verifier: String, returnTo: String, expiresAt: Date?) {
        self.nonce = nonce
        self.verifier = verifier
        self.returnTo = returnTo
        self.expiresAt = expiresAt
    }
}

package protocol UpstreamLoginStorage: Sendable {
    func insertState(_ state: String, provider: String, _ record: UpstreamStateRecord) throws
    /// The state of `provider`, deleted as it is read: a state finishes one login at most.
    func takeState(_ state: String, provider: String) throws -> UpstreamStateRecord?
    /// The active account linked to the provider's subject.
    func linkedUser(provider: String, subject: String) throws -> String?
    /// Holds an identity no account is linked to yet, under the hash of its cookie token.
    func holdPending(tokenHash: String, provider: String, subject: String, name: String?, expiresAt: Date) throws
    /// A held identity not expired at `now`.
    func pending(tokenHash: String, now: Date) throws -> (provider: String, subject: String, name: String?)?
    /// Links the held identity to `userID`, forgets it and records `audit` (its target set to the provider), in one transaction.
    func link(tokenHash: String, to userID: String, at: Date, audit: AuditEntry) throws
}
