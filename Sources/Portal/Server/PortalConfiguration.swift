// PortalConfiguration: where the portal listens, keeps its data and finds its plugins.
import Foundation
import HostDomain
import HostStorage
import PluginRuntime

/// Settings of one host process, from the command line.
package struct PortalConfiguration: Sendable {
    package var host = "127.0.0.1"
    package var port = 8080
    /// The SQLite portal's folder (`--data`), used when ``databaseURL`` is nil.
    package var dataDirectory = URL(fileURLWithPath: "data", isDirectory: true)
    /// A PostgreSQL portal (`--database postgres://…`), shared by every host behind the proxy.
    package var databaseURL: String?
    /// How many PostgreSQL connections this host keeps at most (`--database-pool`).
    package var databasePoolSize = 16
    package var pluginsDirectory = URL(fileURLWithPath: ".build/plugins", isDirectory: true)
    /// Request bodies above this get 413 before any plugin code runs.
    package var maxBodyBytes = 10 << 20
    package var demo = false
    /// How many plugin calls may run inline on the request's thread at once (see ``BlockingWorkPool``).
    package var inlinePluginCalls = BlockingWorkPool.defaultInlineLimit
    /// The address users reach the portal at (`https://ent.example.org`); cookies are `Secure`
    /// when it is https, and state-changing requests must come from this origin.
    package var publicURL: String?
    /// log2 of scrypt's cost for new password hashes.
    package var passwordCost = 16
    /// How long a resolved session is reused before the database is read again; changes
    /// made by another process show after at most this long. Zero turns the cache off.
    package var sessionCacheLifetime: Duration = .seconds(2)
    /// How long the home page waits for an app's cards (`cartable.widgets/1`) before it shows the app as unavailable.
    package var widgetDeadline: Duration = .milliseconds(300)
    /// A folder with `themes.json` and the authorities' logos; nil for the default look.
    package var themesDirectory: URL?
    /// External OpenID providers users may log in with (FranceConnect-style), from `--upstream`.
    package var upstreamProviders: [UpstreamProvider] = []
    /// How long a CAS service ticket stays valid (the protocol asks for minutes at most).
    package var casTicketLifetime: TimeInterval = 60
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` headers name the real client (`--trusted-proxy`).
    package var trustedProxies: [IPNetwork] = []
    /// How long what grows is kept (sessions, sign-in material, events, the audit log).
    package var retention = RetentionPolicy()
    /// Where mail goes (reset and confirmation links); nil: the portal sends none.
    package var smtp: SMTPRelay?

    /// The database this configuration names.
    package func databaseLocation() throws -> DatabaseLocation {
        try DatabaseLocation.from(database: databaseURL, data: dataDirectory)
    }

    /// Opens (and migrates) the database this configuration names.
    package func openDatabase(migrate: Bool = true) throws -> HostDatabase {
        try HostDatabase(opening: try databaseLocation(), poolSize: databasePoolSize, migrate: migrate)
    }

    package var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") == true }

    /// The OpenID provider's issuer: the public URL without a trailing slash, or the address it listens on.
    package var issuer: String {
        let base = publicURL ?? "http://\(host):\(port)"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// `scheme://host[:port]` of ``publicURL``.
    package var publicOrigin: String? {
        guard let publicURL, let url = URL(string: publicURL), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
    }

    package init() {}
}
