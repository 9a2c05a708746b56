// SigningKeys: the OpenID provider's RS256 and ES256 keys — created when missing, rotated without breaking issued tokens, published as a JWKS.
import CartableText
import Crypto
import CryptoExtras
import Foundation
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

    let storage: any SigningKeysStorage
    /// How long a retired key stays published.
    package var retention: TimeInterval = 7 * 86_400

    package init(storage: any SigningKeysStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.signingKeys)
    }

    /// Creates the signing key of each algorithm that has none; returns the kids created.
    @discardableResult
    package func ensureActive(now: Date = Date()) throws -> [String] {
        // Almost always both exist: a read, not a write transaction, on the token path.
        if try storage.activeAlgorithmCount() == Algorithm.allCases.count { return [] }
        return try storage.addMissing(Algorithm.allCases.map(\.rawValue), at: now) { name in
            guard let algorithm = Algorithm(rawValue: name) else { throw AccessRefusal("no signing algorithm \(name)") }
            return try Self.newKey(algorithm, now: now)
        }
    }

    /// Retires the signing key of each algorithm and creates its successor; old keys stay published for ``retention``.
    package func rotate(now: Date = Date(), by actor: String?) throws {
        let successors = try Algorithm.allCases.map { algorithm in
            let key = try Self.newKey(algorithm, now: now)
            return SigningKeyRecord(kid: key.kid, algorithm: algorithm.rawValue, privatePEM: key.pem, retired: false)
        }
        try storage.rotate(
            to: successors, at: now, unpublishAfter: now.addingTimeInterval(retention),
            audit: AuditEntry(at: now, action: "sso.keys.rotate", actor: actor, detail: successors.map(\.kid).joined(separator: " ")))
    }

    /// The keys published in the JWKS: the signing ones and the retired ones still within their retention.
    package func published(now: Date = Date()) throws -> [StoredKey] {
        try storage.published(now: now).compactMap { record in
            Algorithm(rawValue: record.algorithm).map {
                StoredKey(kid: record.kid, algorithm: $0, privatePEM: record.privatePEM, retired: record.retired)
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
        try storage.signingKid(algorithm.rawValue)
    }

    /// A new private key of `algorithm` and its kid (`rs256-2026-12-02-1a2b3c4d`).
    private static func newKey(_ algorithm: Algorithm, now: Date) throws -> (kid: String, pem: String) {
        let pem: String
        switch algorithm {
        case .rs256: pem = try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
        case .es256: pem = P256.Signing.PrivateKey().pemRepresentation
        }
        let kid =
            "\(algorithm.rawValue.lowercased())-\(now.formatted(.iso8601.year().month().day()))-\(UUID().uuidString.prefix(8).lowercased())"
        return (kid, pem)
    }

    static func base64URL<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
