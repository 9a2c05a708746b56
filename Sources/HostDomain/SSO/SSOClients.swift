// SSOClients: the external tools registered by platform or authority admins — their redirect URIs, schools, scopes and secret.
import Foundation
import HostStorage

/// The registry of OpenID Connect clients (and, later, CAS services). A platform admin
/// registers clients for any school; an authority admin for its own schools only, and the
/// client then belongs to that authority. Every change is audited; a secret is shown once
/// and only its hash is kept.
package struct SSOClients: Sendable {
    package typealias Client = SSOClientRecord

    /// What an admin submits.
    package struct Registration: Sendable {
        package var name: String
        /// `oidc`, or `cas` for a CAS service (its service URLs go in `redirectURIs`; it has no secret).
        package var kind = "oidc"
        package var redirectURIs: [String]
        package var postLogoutRedirectURIs: [String] = []
        package var scopes: [String] = ["openid", "profile"]
        package var subjectType = "pairwise"
        package var isPublic = false
        package var firstParty = false
        package var schoolIDs: [String]

        package init(name: String, redirectURIs: [String], schoolIDs: [String]) {
            self.name = name
            self.redirectURIs = redirectURIs
            self.schoolIDs = schoolIDs
        }
    }

    /// Scopes a client may be given.
    package static let knownScopes = ["openid", "profile", "email", "school", "offline_access"]

    let storage: any SSOClientsStorage

    package init(storage: any SSOClientsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.ssoClients)
    }

    /// Registers a client; returns it and its secret (nil for a public client), which is never shown again.
    package func register(
        _ registration: Registration, rights: AdminRights, authorityID: String?, by actor: String?
    ) throws -> (Client, String?) {
        try Self.check(registration)
        guard rights.isPlatformAdmin || (authorityID.map(rights.authorityIDs.contains) ?? false) else {
            throw AccessRefusal(key: "refusal.sso_scope")
        }
        let owners = try storage.authorities(ofSchools: registration.schoolIDs)
        for school in registration.schoolIDs {
            guard let owner = owners[school], rights.isPlatformAdmin || (owner == authorityID && rights.authorityIDs.contains(owner)) else {
                throw AccessRefusal(key: "refusal.sso_school_scope")
            }
        }
        let id = "c-" + SessionStore.randomToken().prefix(16)
        let secret = registration.isPublic || registration.kind == "cas" ? nil : SessionStore.randomToken()
        let client = Client(
            id: id, name: registration.name, kind: registration.kind, isPublic: secret == nil, redirectURIs: registration.redirectURIs,
            postLogoutRedirectURIs: registration.postLogoutRedirectURIs, scopes: registration.scopes,
            subjectType: registration.subjectType, firstParty: registration.firstParty, authorityID: authorityID,
            schoolIDs: registration.schoolIDs, disabled: false)
        try storage.insert(
            client, secretHash: secret.map(Self.hash), createdBy: actor, at: Date(),
            audit: AuditEntry(action: "sso.client.register", actor: actor, target: id, detail: registration.name))
        guard let stored = try storage.client(id) else { throw AccessRefusal("the client \(id) was not stored") }
        return (stored, secret)
    }

    /// A new secret for a confidential client (the old one stops working at once).
    package func renewSecret(_ id: String, rights: AdminRights, by actor: String?) throws -> String {
        guard let client = try client(id), !client.isPublic else { throw AccessRefusal(key: "refusal.sso_no_client") }
        try Self.checkScope(client, rights)
        let secret = SessionStore.randomToken()
        try storage.setSecretHash(id, Self.hash(secret), audit: AuditEntry(action: "sso.client.secret", actor: actor, target: id))
        return secret
    }

    /// Disables a client: it can no longer sign anyone in.
    package func disable(_ id: String, rights: AdminRights, by actor: String?) throws {
        guard let client = try client(id) else { throw AccessRefusal(key: "refusal.sso_no_client") }
        try Self.checkScope(client, rights)
        try storage.disable(id, at: Date(), audit: AuditEntry(action: "sso.client.disable", actor: actor, target: id))
    }

    package func client(_ id: String) throws -> Client? {
        try storage.client(id)
    }

    /// The clients an admin manages: all for a platform admin, their authorities' otherwise.
    package func clients(managedBy rights: AdminRights) throws -> [Client] {
        try storage.allClients().filter { rights.isPlatformAdmin || ($0.authorityID.map(rights.authorityIDs.contains) ?? false) }
    }

    /// A registered, enabled CAS service whose URL is exactly `service`.
    package func casService(_ service: String) throws -> Client? {
        try storage.casService(url: service)
    }

    /// Whether `secret` is the client's current secret (compared by hash, in constant time).
    package func authenticate(_ id: String, secret: String) throws -> Bool {
        guard let stored = try storage.secretHash(ofEnabled: id) else { return false }
        let given = Array(Self.hash(secret).utf8), expected = Array(stored.utf8)
        return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func checkScope(_ client: Client, _ rights: AdminRights) throws {
        guard rights.isPlatformAdmin || (client.authorityID.map(rights.authorityIDs.contains) ?? false) else {
            throw AccessRefusal(key: "refusal.sso_scope")
        }
    }

    /// A name, at least one school, redirect URIs that are absolute https (or http on loopback) without fragment, known scopes.
    static func check(_ registration: Registration) throws {
        guard !registration.name.trimmingCharacters(in: .whitespaces).isEmpty, registration.name.count <= 100 else {
            throw AccessRefusal(key: "refusal.sso_name")
        }
        guard !registration.schoolIDs.isEmpty else { throw AccessRefusal(key: "refusal.sso_no_school") }
        guard !registration.redirectURIs.isEmpty, registration.redirectURIs.count <= 20 else {
            throw AccessRefusal(key: "refusal.sso_redirect_required")
        }
        for uri in registration.redirectURIs + registration.postLogoutRedirectURIs where !isAcceptableRedirect(uri) {
            throw AccessRefusal(key: "refusal.sso_redirect_invalid", uri)
        }
        for scope in registration.scopes where !knownScopes.contains(scope) { throw AccessRefusal(key: "refusal.sso_scope_unknown", scope) }
        guard registration.scopes.contains("openid") else { throw AccessRefusal(key: "refusal.sso_scope_unknown", "openid") }
        guard ["public", "pairwise"].contains(registration.subjectType) else { throw AccessRefusal(key: "refusal.sso_subject") }
        guard ["oidc", "cas"].contains(registration.kind) else { throw AccessRefusal(key: "refusal.sso_subject") }
    }

    /// `https://…`, or `http://` on the loopback (native apps and tests), or a private-use scheme of an app (`fr.ent.app:/cb`); never a fragment.
    static func isAcceptableRedirect(_ uri: String) -> Bool {
        guard uri.count <= 500, !uri.contains("#"), let url = URLComponents(string: uri), let scheme = url.scheme?.lowercased() else {
            return false
        }
        switch scheme {
        case "https": return url.host?.isEmpty == false
        case "http": return ["127.0.0.1", "localhost", "[::1]", "::1"].contains(url.host ?? "")
        case "javascript", "data", "file", "vbscript": return false
        default: return scheme.contains(".")  // reverse-domain schemes of native apps (RFC 8252)
        }
    }

    /// Secrets are long random strings (as session tokens): one SHA-256 is enough to keep them unreadable.
    static func hash(_ secret: String) -> String {
        SessionStore.hash(secret)
    }
}
