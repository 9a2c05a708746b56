// ActivationCode: single-use codes a school hands out so users can choose their password.
/// Random codes from an alphabet without look-alikes (no 0/O, 1/I/L).
package enum ActivationCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    static let length = 10

    /// A new code, e.g. `K7QMW2RT9X`: 10 characters, about 49 bits.
    package static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        // One 64-bit draw gives 12 base-31 digits; the modulo bias is below 2^-59.
        var bits = generator.next() as UInt64
        var code = ""
        for _ in 0..<length {
            code.append(alphabet[Int(bits % UInt64(alphabet.count))])
            bits /= UInt64(alphabet.count)
        }
        return code
    }

    /// How long a code stays valid.
    package static let lifetimeDays = 90
}
