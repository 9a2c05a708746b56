// ForwardedFor: the real client behind trusted reverse proxies, from `Forwarded` (RFC 7239) or `X-Forwarded-For`.
import HostDomain
import HTTPTypes

/// Reads the client's address from the headers a trusted proxy adds. Only a request whose
/// peer is a trusted proxy is believed; the chain is read from the right (the hop nearest
/// to the portal), skipping trusted proxies, so a client cannot forge its place by
/// sending its own header ahead of the proxy's.
package struct ForwardedFor: Sendable {
    package let trusted: [IPNetwork]

    package init(trusted: [IPNetwork]) {
        self.trusted = trusted
    }

    static let forwarded = HTTPField.Name("Forwarded")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The client's address for a request from `peer` with these headers.
    package func client(peer: String, headers: HTTPFields) -> String {
        guard isTrusted(peer) else { return peer }
        let chain = Self.chain(headers)
        guard !chain.isEmpty else { return peer }
        for hop in chain.reversed() where !isTrusted(hop) {
            return IPNetwork.parse(hop) == nil ? peer : hop
        }
        return chain.first ?? peer
    }

    func isTrusted(_ address: String) -> Bool {
        trusted.contains { $0.contains(address) }
    }

    /// The addresses of the chain, left (the first client) to right: `Forwarded`'s `for=` when present, else `X-Forwarded-For`.
    static func chain(_ headers: HTTPFields) -> [String] {
        let forwarded = headers[values: Self.forwarded].flatMap { $0.split(separator: ",") }.compactMap { element -> String? in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, parts[0].lowercased() == "for" else { continue }
                var value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                // `for="[2001:db8::1]:4711"` and `for=192.0.2.1:4711`: drop the port.
                if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
                    value = String(value[value.index(after: value.startIndex)..<end])
                } else if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
                    value = String(value[..<colon])
                }
                return value
            }
            return nil
        }
        if !forwarded.isEmpty { return forwarded }
        return headers[values: Self.xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

import Foundation
