// SMTPRelay: where `serve --smtp` hands mail over, and whom it comes from.
import Foundation
import HostDomain

/// An SMTP relay reached over a private network or loopback (the region's mail server or the
/// machine's own MTA, which does TLS and delivery to the outside), by `smtp://host[:port]`.
package struct SMTPRelay: Sendable, Equatable {
    package let host: String
    package let port: Int
    /// The envelope and `From:` address, e.g. `ne-pas-repondre@ent.region.example`.
    package let from: String
    /// The `From:` display name.
    package let fromName: String

    /// Reads `smtp://host[:port]` (port 25 by default); throws a message saying what to write instead.
    package init(url: String, from: String, fromName: String = "Cartable") throws {
        guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "smtp", let host = parts.host, !host.isEmpty,
            parts.user == nil, parts.path.isEmpty || parts.path == "/"
        else {
            throw MailError("--smtp \(url): write smtp://host[:port], the relay this machine may send through (no user or path)")
        }
        guard MailAddress.isSafe(from) else {
            throw MailError("--mail-from \(from): write a plain address such as ne-pas-repondre@ent.example.org")
        }
        self.host = host
        self.port = parts.port ?? 25
        self.from = from
        self.fromName = fromName
    }
}
