// SQLSigningKeysStorage: the signing keys' statements on both engines (sso_signing_keys).
import Foundation

extension HostDatabase {
    /// The ID-token signing keys in this database.
    package var signingKeys: any SigningKeysStorage { SQLSigningKeysStorage(database: self) }
}

struct SQLSigningKeysStorage: SigningKeysStorage {
    let database: HostDatabase

    func activeAlgorithmCount() throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT algorithm) FROM sso_signing_keys WHERE retired_at IS NULL") ?? 0
        }
    }

    func addMissing(_ algorithms: [String], at: Date, make: (String) throws -> (kid: String, pem: String)) throws -> [String] {
        try database.write { db in
            var created: [String] = []
            for algorithm in algorithms {
                let active =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM sso_signing_keys WHERE algorithm = ? AND retired_at IS NULL", arguments: [algorithm])
                    ?? false
                guard !active else { continue }
                let key = try make(algorithm)
                try Self.insert(db, SigningKeyRecord(kid: key.kid, algorithm: algorithm, privatePEM: key.pem, retired: false), at: at)
                created.append(key.kid)
            }
            return created
        }
    }

    func rotate(to successors: [SigningKeyRecord], at: Date, unpublishAfter: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE sso_signing_keys SET retired_at = ?, unpublish_after = ? WHERE retired_at IS NULL",
                arguments: [at.formatted(.iso8601), unpublishAfter.formatted(.iso8601)])
            for key in successors { try Self.insert(db, key, at: at) }
            try AuditLog.record(db, audit)
        }
    }

    private static func insert(_ db: any SQLSession, _ key: SigningKeyRecord, at: Date) throws {
        try db.execute(
            sql: "INSERT INTO sso_signing_keys (kid, algorithm, private_pem, created_at) VALUES (?, ?, ?, ?)",
            arguments: [key.kid, key.algorithm, key.privatePEM, at.formatted(.iso8601)])
    }

    func published(now: Date) throws -> [SigningKeyRecord] {
        try database.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT kid, algorithm, private_pem, retired_at FROM sso_signing_keys
                    WHERE unpublish_after IS NULL OR unpublish_after > ? ORDER BY created_at DESC, kid
                    """, arguments: [now.formatted(.iso8601)]
            ).map {
                SigningKeyRecord(
                    kid: $0["kid"], algorithm: $0["algorithm"], privatePEM: $0["private_pem"], retired: ($0["retired_at"] as String?) != nil
                )
            }
        }
    }

    func signingKid(_ algorithm: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(
                db, sql: "SELECT kid FROM sso_signing_keys WHERE algorithm = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1",
                arguments: [algorithm])
        }
    }
}
