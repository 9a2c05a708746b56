// IPNetwork: an IPv4 or IPv6 address range in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), and the address keys throttling counts by.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A range of addresses: `--trusted-proxy 10.0.0.0/8` names the reverse proxies whose
/// forwarded-for headers the portal believes.
package struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    let prefix: Int

    package struct Invalid: Error, CustomStringConvertible {
        package let description: String
    }

    /// Reads `address/prefix`, or a lone address (the whole prefix).
    package init(_ text: String) throws {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.parse(first) else {
            throw Invalid(description: "'\(text)' is not an IP address or a CIDR range (examples: 10.0.0.0/8, 127.0.0.1, 2001:db8::/32)")
        }
        let width = bytes.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : width
        guard let prefix, (0...width).contains(prefix) else {
            throw Invalid(description: "'\(text)': the prefix length must be a number from 0 to \(width)")
        }
        self.bytes = bytes
        self.prefix = prefix
    }

    package func contains(_ address: String) -> Bool {
        guard let other = Self.parse(address), other.count == bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(bytes, other) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }

    package var description: String { "\(Self.format(bytes))/\(prefix)" }

    /// The 4 or 16 bytes of an address; IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) read as IPv4.
    package static func parse(_ text: String) -> [UInt8]? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") { text = String(text[text.index(after: text.startIndex)..<end]) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    static func format(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(
            separator: ":")
    }

    /// What throttling counts an address as: an IPv4 address itself, an IPv6 address's /64
    /// (one subscriber's network), anything unreadable as it is.
    package static func throttleKey(_ address: String) -> String {
        guard let bytes = parse(address) else { return address }
        if bytes.count == 4 { return format(bytes) }
        return format(Array(bytes[0..<8]) + Array(repeating: 0, count: 8)) + "/64"
    }
}
