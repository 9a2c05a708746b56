// SQLSSOClientsStorage: the registry's statements on both engines (sso_clients, sso_client_schools).
import Foundation

extension HostDatabase {
    /// The registered external tools in this database.
    package var ssoClients: any SSOClientsStorage { SQLSSOClientsStorage(database: self) }
}

struct SQLSSOClientsStorage: SSOClientsStorage {
    let database: HostDatabase

    func authorities(ofSchools schoolIDs: [String]) throws -> [String: String] {
        guard !schoolIDs.isEmpty else { return [:] }
        return try database.read { db in
            let rows = try SQLRow.fetchAll(
                db, sql: "SELECT id, authority_id FROM schools WHERE id IN (\(sqlPlaceholders(schoolIDs.count)))",
                arguments: SQLArguments(schoolIDs))
            return Dictionary(rows.map { ($0["id"] as String, $0["authority_id"] as String) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func insert(_ client: SSOClientRecord, secretHash: String?, createdBy: String?, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_clients (id, name, kind, secret_hash, redirect_uris, post_logout_redirect_uris, scopes, subject_type, first_party,
                                             authority_id, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    client.id, client.name, client.kind, secretHash, Self.json(client.redirectURIs),
                    Self.json(client.postLogoutRedirectURIs),
                    client.scopes.joined(separator: " "), client.subjectType, client.firstParty, client.authorityID, createdBy,
                    at.formatted(.iso8601),
                ])
            for school in Set(client.schoolIDs).sorted() {
                try db.execute(sql: "INSERT INTO sso_client_schools (client_id, school_id) VALUES (?, ?)", arguments: [client.id, school])
            }
            try AuditLog.record(db, audit)
        }
    }

    func setSecretHash(_ id: String, _ hash: String, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE sso_clients SET secret_hash = ? WHERE id = ?", arguments: [hash, id])
            try AuditLog.record(db, audit)
        }
    }

    func disable(_ id: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE sso_clients SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", arguments: [at.formatted(.iso8601), id])
            try AuditLog.record(db, audit)
        }
    }

    func client(_ id: String) throws -> SSOClientRecord? {
        try database.read { db in try Self.client(db, id) }
    }

    func allClients() throws -> [SSOClientRecord] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM sso_clients ORDER BY name, id").compactMap { try Self.client(db, $0) }
        }
    }

    func secretHash(ofEnabled id: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT secret_hash FROM sso_clients WHERE id = ? AND disabled_at IS NULL", arguments: [id])
        }
    }

    /// The stored list of URLs is read as a table (`json_each`, `jsonb_array_elements_text`).
    func casService(url: String) throws -> SSOClientRecord? {
        try database.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT c.id FROM sso_clients c, \(db.dialect.jsonStrings("c.redirect_uris", alias: "u"))
                    WHERE c.kind = 'cas' AND c.disabled_at IS NULL AND u.value = ? ORDER BY c.id LIMIT 1
                    """, arguments: [url]
            ).flatMap { try Self.client(db, $0) }
        }
    }

    /// The client `id` within an open transaction, or nil.
    static func client(_ db: any SQLSession, _ id: String) throws -> SSOClientRecord? {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM sso_clients WHERE id = ?", arguments: [id]) else { return nil }
        let schools = try String.fetchAll(
            db, sql: "SELECT school_id FROM sso_client_schools WHERE client_id = ? ORDER BY school_id", arguments: [id])
        return SSOClientRecord(
            id: row["id"], name: row["name"], kind: row["kind"], isPublic: (row["secret_hash"] as String?) == nil,
            redirectURIs: decode(row["redirect_uris"]), postLogoutRedirectURIs: decode(row["post_logout_redirect_uris"]),
            scopes: (row["scopes"] as String).split(separator: " ").map(String.init), subjectType: row["subject_type"],
            firstParty: row["first_party"], authorityID: row["authority_id"], schoolIDs: schools,
            disabled: (row["disabled_at"] as String?) != nil)
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
