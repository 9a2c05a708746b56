// SMTPRelay: where `serve --smtp` hands mail over — host, port, TLS and login — and whom it comes from.
import Foundation
import HostDomain

/// The relay of `serve --smtp`:
/// - `smtp://host[:port]` (25): plain SMTP, for the machine's own MTA or a relay on a private
///   network that accepts the portal's hosts; no login (a password never crosses in clear);
/// - `smtp+starttls://[user@]host[:port]` (587): STARTTLS is required before anything is sent;
/// - `smtps://[user@]host[:port]` (465): TLS from the first byte.
/// With a user, the password comes from the environment (`CARTABLE_SMTP_PASSWORD`), never from
/// the command line, and is sent with AUTH PLAIN inside TLS only.
package struct SMTPRelay: Sendable, Equatable {
    package enum Security: Sendable, Equatable {
        case none, startTLS, implicitTLS
    }

    package let host: String
    package let port: Int
    package let security: Security
    package let user: String?
    package let password: String?
    /// A PEM file of the certificate authorities to trust instead of the system's (a region's own CA).
    package let caFile: String?
    /// The envelope and `From:` address, e.g. `ne-pas-repondre@ent.region.example`.
    package let from: String
    /// The `From:` display name.
    package let fromName: String

    /// Reads the relay's URL; throws a message saying what to write instead.
    package init(
        url: String, from: String, fromName: String = "Cartable", password: String? = nil, caFile: String? = nil
    ) throws {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), let host = parts.host, !host.isEmpty,
            parts.path.isEmpty || parts.path == "/", parts.password == nil
        else {
            throw MailError(
                "--smtp \(url): write smtp://host[:port], smtp+starttls://[user@]host[:port] or smtps://[user@]host[:port] (the password goes in CARTABLE_SMTP_PASSWORD)"
            )
        }
        let (security, defaultPort): (Security, Int) =
            switch scheme {
            case "smtp": (.none, 25)
            case "smtp+starttls": (.startTLS, 587)
            case "smtps": (.implicitTLS, 465)
            default: throw MailError("--smtp \(url): the scheme is smtp, smtp+starttls or smtps")
            }
        let user = parts.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding ?? $0 }
        if user != nil, security == .none {
            throw MailError("--smtp \(url): a login needs TLS, write smtp+starttls:// or smtps://, so the password never crosses in clear")
        }
        if user != nil, password?.isEmpty ?? true {
            throw MailError("--smtp \(url): set the relay's password in the environment variable CARTABLE_SMTP_PASSWORD")
        }
        guard MailAddress.isSafe(from) else {
            throw MailError("--mail-from \(from): write a plain address such as ne-pas-repondre@ent.example.org")
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw MailError("--smtp-ca \(caFile): no readable PEM file there")
        }
        self.host = host
        self.port = parts.port ?? defaultPort
        self.security = security
        self.user = user
        self.password = user == nil ? nil : password
        self.caFile = caFile
        self.from = from
        self.fromName = fromName
    }
}
