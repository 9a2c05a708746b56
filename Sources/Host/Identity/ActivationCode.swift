// ActivationCode: single-use codes a school hands out so users can choose their password.
/// Random codes from an alphabet without look-alikes (no 0/O, 1/I/L).
package enum ActivationCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    static let length = 10

    /// A new code, e.g. `K7QM-W2RT9X` without the dash: 10 characters, about 49 bits.
    package static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }

    /// How long a code stays valid.
    package static let lifetimeDays = 90
}
