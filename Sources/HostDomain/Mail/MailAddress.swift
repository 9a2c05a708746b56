// MailAddress: the checks an address passes before it goes into an SMTP command or a header.
import Foundation

package enum MailAddress {
    /// Whether `address` is a plain `local@domain` that cannot break an SMTP command or a header:
    /// printable ASCII without spaces, angle brackets, quotes or commas, one `@`, a dotted domain.
    package static func isSafe(_ address: String) -> Bool {
        guard address.utf8.count <= 254, address.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }),
            !address.contains(where: { "<>()[]\\,;:\"".contains($0) })
        else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }
}
