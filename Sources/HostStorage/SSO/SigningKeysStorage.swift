// SigningKeysStorage: what the ID-token signing keys store — one signing key per algorithm, retired keys kept published for a while.
import Foundation

/// A key as stored: its id, algorithm (`RS256`, `ES256`), private key in PEM, and whether it was retired.
package struct SigningKeyRecord: Sendable, Equatable {
    package let kid: String
    package let algorithm: String
    package let privatePEM: String
    package let retired: Bool

    package init(kid: String, algorithm: String, privatePEM: String, retired: Bool) {
        self.kid = kid
        self.algorithm = algorithm
        self.privatePEM = privatePEM
        self.retired = retired
    }
}

package protocol SigningKeysStorage: Sendable {
    /// How many algorithms have a signing (not retired) key.
    func activeAlgorithmCount() throws -> Int
    /// In one transaction: for each of `algorithms` without a signing key, stores the key
    /// `make` creates for it; returns the kids stored.
    func addMissing(_ algorithms: [String], at: Date, make: (String) throws -> (kid: String, pem: String)) throws -> [String]
    /// Retires every signing key (published until `unpublishAfter`) and stores `successors`, with `audit`.
    func rotate(to successors: [SigningKeyRecord], at: Date, unpublishAfter: Date, audit: AuditEntry) throws
    /// The signing keys and the retired ones still published at `now`, newest first.
    func published(now: Date) throws -> [SigningKeyRecord]
    /// The kid signing with `algorithm` now.
    func signingKid(_ algorithm: String) throws -> String?
}
