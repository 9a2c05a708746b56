// SSOClients: the external tools registered by platform or authority admins — their redirect URIs, schools, scopes and secret.
import Foundation
import GRDB
import HostStorage

/// The registry of OpenID Connect clients (and, later, CAS services). A platform admin
/// registers clients for any school; an authority admin for its own schools only, and the
/// client then belongs to that authority. Every change is audited; a secret is shown once
/// and only its hash is kept.
package struct SSOClients: Sendable {
    package struct Client: Sendable, Equatable {
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
    }

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

    let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Registers a client; returns it and its secret (nil for a public client), which is never shown again.
    package func register(
        _ registration: Registration, rights: AdminRights, authorityID: String?, by actor: String?
    ) throws -> (Client, String?) {
        try Self.check(registration)
        guard rights.isPlatformAdmin || (authorityID.map(rights.authorityIDs.contains) ?? false) else {
            throw AccessRefusal(key: "refusal.sso_scope")
        }
        let id = "c-" + SessionStore.randomToken().prefix(16)
        let secret = registration.isPublic || registration.kind == "cas" ? nil : SessionStore.randomToken()
        try database.pool.write { db in
            for school in registration.schoolIDs {
                let owner = try String.fetchOne(db, sql: "SELECT authority_id FROM schools WHERE id = ?", arguments: [school])
                guard let owner, rights.isPlatformAdmin || (owner == authorityID && rights.authorityIDs.contains(owner)) else {
                    throw AccessRefusal(key: "refusal.sso_school_scope")
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO sso_clients (id, name, kind, secret_hash, redirect_uris, post_logout_redirect_uris, scopes, subject_type, first_party,
                                             authority_id, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, registration.name, registration.kind, secret.map(Self.hash), Self.json(registration.redirectURIs),
                    Self.json(registration.postLogoutRedirectURIs), registration.scopes.joined(separator: " "), registration.subjectType,
                    registration.firstParty, authorityID, actor, Date().formatted(.iso8601),
                ])
            for school in Set(registration.schoolIDs) {
                try db.execute(sql: "INSERT INTO sso_client_schools (client_id, school_id) VALUES (?, ?)", arguments: [id, school])
            }
            try AuditLog.record(db, at: Date(), action: "sso.client.register", actor: actor, target: id, detail: registration.name)
        }
        guard let client = try client(id) else { throw AccessRefusal("the client \(id) was not stored") }
        return (client, secret)
    }

    /// A new secret for a confidential client (the old one stops working at once).
    package func renewSecret(_ id: String, rights: AdminRights, by actor: String?) throws -> String {
        guard let client = try client(id), !client.isPublic else { throw AccessRefusal(key: "refusal.sso_no_client") }
        try Self.checkScope(client, rights)
        let secret = SessionStore.randomToken()
        try database.pool.write { db in
            try db.execute(sql: "UPDATE sso_clients SET secret_hash = ? WHERE id = ?", arguments: [Self.hash(secret), id])
            try AuditLog.record(db, at: Date(), action: "sso.client.secret", actor: actor, target: id)
        }
        return secret
    }

    /// Disables a client: it can no longer sign anyone in.
    package func disable(_ id: String, rights: AdminRights, by actor: String?) throws {
        guard let client = try client(id) else { throw AccessRefusal(key: "refusal.sso_no_client") }
        try Self.checkScope(client, rights)
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sso_clients SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                arguments: [Date().formatted(.iso8601), id])
            try AuditLog.record(db, at: Date(), action: "sso.client.disable", actor: actor, target: id)
        }
    }

    package func client(_ id: String) throws -> Client? {
        try database.pool.read { db in try Self.client(db, id) }
    }

    /// The clients an admin manages: all for a platform admin, their authorities' otherwise.
    package func clients(managedBy rights: AdminRights) throws -> [Client] {
        try database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM sso_clients ORDER BY name, id").compactMap { try Self.client(db, $0) }
                .filter { rights.isPlatformAdmin || ($0.authorityID.map(rights.authorityIDs.contains) ?? false) }
        }
    }

    /// Whether `secret` is the client's current secret (compared by hash, in constant time).
    package func authenticate(_ id: String, secret: String) throws -> Bool {
        guard
            let stored = try database.pool.read({ db in
                try String.fetchOne(db, sql: "SELECT secret_hash FROM sso_clients WHERE id = ? AND disabled_at IS NULL", arguments: [id])
            })
        else { return false }
        let given = Array(Self.hash(secret).utf8), expected = Array(stored.utf8)
        return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func client(_ db: GRDB.Database, _ id: String) throws -> Client? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sso_clients WHERE id = ?", arguments: [id]) else { return nil }
        let schools = try String.fetchAll(
            db, sql: "SELECT school_id FROM sso_client_schools WHERE client_id = ? ORDER BY school_id", arguments: [id])
        return Client(
            id: row["id"], name: row["name"], kind: row["kind"], isPublic: (row["secret_hash"] as String?) == nil,
            redirectURIs: decode(row["redirect_uris"]),
            postLogoutRedirectURIs: decode(row["post_logout_redirect_uris"]),
            scopes: (row["scopes"] as String).split(separator: " ").map(String.init),
            subjectType: row["subject_type"], firstParty: row["first_party"], authorityID: row["authority_id"], schoolIDs: schools,
            disabled: (row["disabled_at"] as String?) != nil)
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

    static func json(_ values: [String]) -> String {
        String(
            decoding: (try? JSONSerialization.data(withJSONObject: values, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8),
            as: UTF8.self)
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]) ?? []
    }
}
