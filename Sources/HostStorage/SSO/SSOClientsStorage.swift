// SSOClientsStorage: what the registry of external tools stores — OpenID clients and CAS services, their schools and secret hash.
import Foundation

/// A registered tool as stored.
package struct SSOClientRecord: Sendable, Equatable {
    package let id: String
    package let name: String
    /// `oidc` (redirect URIs) or `cas` (service URLs, in the same list).
    package let kind: String
    package let isPublic: Bool
    package let redirectURIs: [String]
    package let postLogoutRedirectURIs: [String]
    package let scopes: [String]
    /// `public` (the user's id) or `pairwise` (a different, stable id per client).
    package let subjectType: String
    /// A tool of the platform itself: no consent screen.
    package let firstParty: Bool
    package let authorityID: String?
    package let schoolIDs: [String]
    package let disabled: Bool

    package init(
        id: String, name: String, kind: String, isPublic: Bool, redirectURIs: [String], postLogoutRedirectURIs: [String], scopes: [String],
        subjectType: String, firstParty: Bool, authorityID: String?, schoolIDs: [String], disabled: Bool
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.isPublic = isPublic
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.scopes = scopes
        self.subjectType = subjectType
        self.firstParty = firstParty
        self.authorityID = authorityID
        self.schoolIDs = schoolIDs
        self.disabled = disabled
    }
}

/// The registry. Every change is one transaction with its audit line.
package protocol SSOClientsStorage: Sendable {
    /// The authority of each of these schools that exists.
    func authorities(ofSchools schoolIDs: [String]) throws -> [String: String]
    /// Stores a new client (`disabled` false) with the hash of its secret (nil for a public client or a CAS service).
    func insert(_ client: SSOClientRecord, secretHash: String?, createdBy: String?, at: Date, audit: AuditEntry) throws
    func setSecretHash(_ id: String, _ hash: String, audit: AuditEntry) throws
    func disable(_ id: String, at: Date, audit: AuditEntry) throws
    func client(_ id: String) throws -> SSOClientRecord?
    /// Every client, by name then id.
    func allClients() throws -> [SSOClientRecord]
    /// The secret hash of an enabled client; nil for a public, disabled or unknown one.
    func secretHash(ofEnabled id: String) throws -> String?
    /// The enabled CAS service one of whose URLs is exactly `url` (the first by id).
    func casService(url: String) throws -> SSOClientRecord?
}
