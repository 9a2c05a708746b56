// PasswordHasher: scrypt password hashes (memory-hard), with a configurable cost and constant-time checks.
import Crypto
import CryptoExtras
import Foundation

/// Hashes and verifies passwords with scrypt. A hash records its own parameters
/// (`scrypt$N$r$p$salt$key`, base64), so raising the cost later keeps old hashes valid.
/// Hashing is slow on purpose: call it off the event loop.
package struct PasswordHasher: Sendable {
    /// log2 of scrypt's N: 16 means 64 MiB and about 0.2 s per hash on one core.
    package let costLog2: Int
    package let blockSize = 8
    package let parallelism = 1

    package init(costLog2: Int = 16) {
        self.costLog2 = min(max(costLog2, 10), 20)
    }

    package func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let rounds = 1 << costLog2
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        let keyBytes = key.withUnsafeBytes { Data($0) }
        return "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(Data(salt).base64EncodedString())$\(keyBytes.base64EncodedString())"
    }

    /// True when `password` matches `stored`; false for a malformed hash.
    package func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 6, parts[0] == "scrypt", let rounds = Int(parts[1]), let block = Int(parts[2]), let parallel = Int(parts[3]),
            rounds > 1, rounds <= 1 << 20, rounds & (rounds - 1) == 0, (1...16).contains(block), (1...4).contains(parallel),
            let salt = Data(base64Encoded: String(parts[4])), let expected = Data(base64Encoded: String(parts[5]))
        else { return false }
        guard
            let key = try? KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: salt, outputByteCount: expected.count, rounds: rounds, blockSize: block,
                parallelism: parallel)
        else { return false }
        return key.withUnsafeBytes { derived in
            derived.count == expected.count && zip(derived, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }
}
