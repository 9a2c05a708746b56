// SigningKeys: the OpenID provider's RS256 and ES256 keys — created when missing, rotated without breaking issued tokens, published as a JWKS.
import CartableText
import Crypto
import CryptoExtras
import Foundation
import GRDB
import HostStorage
import JWTKit

/// The keys that sign ID tokens, kept in `sso_signing_keys`. One key per algorithm signs;
/// rotating retires it (it stops signing) but keeps it in the JWKS for `retention`, longer
/// than any token it signed lives, so relying parties still verify those tokens.
package struct SigningKeys: Sendable {
    package enum Algorithm: String, CaseIterable, Sendable {
        case rs256 = "RS256"
        case es256 = "ES256"
    }

    /// A key as stored: its id, algorithm and private key in PEM.
    package struct StoredKey: Sendable, Equatable {
        package let kid: String
        package let algorithm: Algorithm
        let privatePEM: String
        package let retired: Bool
    }

    let database: SQLiteDatabase
    /// How long a retired key stays published.
    package var retention: TimeInterval = 7 * 86_400

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Creates the signing key of each algorithm that has none; returns the kids created.
    @discardableResult
    package func ensureActive(now: Date = Date()) throws -> [String] {
        // Almost always both exist: a read, not a write transaction, on the token path.
        let active = try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT algorithm) FROM sso_signing_keys WHERE retired_at IS NULL") ?? 0
        }
        if active == Algorithm.allCases.count { return [] }
        return try database.pool.write { db in
            var created: [String] = []
            for algorithm in Algorithm.allCases {
                let active =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM sso_signing_keys WHERE algorithm = ? AND retired_at IS NULL",
                        arguments: [algorithm.rawValue]) ?? false
                if !active { created.append(try Self.insertNewKey(db, algorithm, now: now)) }
            }
            return created
        }
    }

    /// Retires the signing key of each algorithm and creates its successor; old keys stay published for ``retention``.
    package func rotate(now: Date = Date(), by actor: String?) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "UPDATE sso_signing_keys SET retired_at = ?, unpublish_after = ? WHERE retired_at IS NULL",
                arguments: [now.formatted(.iso8601), now.addingTimeInterval(retention).formatted(.iso8601)])
            var kids: [String] = []
            for algorithm in Algorithm.allCases { kids.append(try Self.insertNewKey(db, algorithm, now: now)) }
            try AuditLog.record(db, at: now, action: "sso.keys.rotate", actor: actor, target: nil, detail: kids.joined(separator: " "))
        }
    }

    /// The keys published in the JWKS: the signing ones and the retired ones still within their retention.
    package func published(now: Date = Date()) throws -> [StoredKey] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT kid, algorithm, private_pem, retired_at FROM sso_signing_keys
                    WHERE unpublish_after IS NULL OR unpublish_after > ? ORDER BY created_at DESC, kid
                    """, arguments: [now.formatted(.iso8601)]
            ).compactMap { row in
                Algorithm(rawValue: row["algorithm"]).map {
                    StoredKey(
                        kid: row["kid"], algorithm: $0, privatePEM: row["private_pem"], retired: (row["retired_at"] as String?) != nil)
                }
            }
        }
    }

    /// The JWKS document (`/oauth2/jwks`): public parameters only.
    package func jwks(now: Date = Date()) throws -> String {
        let keys = try published(now: now).map { key -> [String: String] in
            var jwk = ["kid": key.kid, "alg": key.algorithm.rawValue, "use": "sig"]
            switch key.algorithm {
            case .rs256:
                let publicKey = try _RSA.Signing.PrivateKey(pemRepresentation: key.privatePEM).publicKey
                let primitives = try publicKey.getKeyPrimitives()
                jwk["kty"] = "RSA"
                jwk["n"] = Self.base64URL(primitives.modulus)
                jwk["e"] = Self.base64URL(primitives.publicExponent)
            case .es256:
                let publicKey = try P256.Signing.PrivateKey(pemRepresentation: key.privatePEM).publicKey
                let raw = publicKey.x963Representation  // 0x04 ‖ X ‖ Y
                jwk["kty"] = "EC"
                jwk["crv"] = "P-256"
                jwk["x"] = Self.base64URL(raw.dropFirst().prefix(32))
                jwk["y"] = Self.base64URL(raw.dropFirst(33))
            }
            return jwk
        }
        let data = try JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// A key collection that signs with the current keys and verifies with every published one.
    package func collection(now: Date = Date()) async throws -> JWTKeyCollection {
        let keys = JWTKeyCollection()
        for key in try published(now: now) {
            switch key.algorithm {
            case .rs256:
                await keys.add(
                    rsa: try Insecure.RSA.PrivateKey(pem: key.privatePEM), digestAlgorithm: .sha256, kid: JWKIdentifier(string: key.kid))
            case .es256:
                await keys.add(ecdsa: try ES256PrivateKey(pem: key.privatePEM), kid: JWKIdentifier(string: key.kid))
            }
        }
        return keys
    }

    /// The kid that signs with `algorithm` now.
    package func signingKid(_ algorithm: Algorithm) throws -> String? {
        try database.pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT kid FROM sso_signing_keys WHERE algorithm = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1",
                arguments: [algorithm.rawValue])
        }
    }

    private static func insertNewKey(_ db: GRDB.Database, _ algorithm: Algorithm, now: Date) throws -> String {
        let pem: String
        switch algorithm {
        case .rs256: pem = try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
        case .es256: pem = P256.Signing.PrivateKey().pemRepresentation
        }
        let kid =
            "\(algorithm.rawValue.lowercased())-\(now.formatted(.iso8601.year().month().day()))-\(UUID().uuidString.prefix(8).lowercased())"
        try db.execute(
            sql: "INSERT INTO sso_signing_keys (kid, algorithm, private_pem, created_at) VALUES (?, ?, ?, ?)",
            arguments: [kid, algorithm.rawValue, pem, now.formatted(.iso8601)])
        return kid
    }

    static func base64URL<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
