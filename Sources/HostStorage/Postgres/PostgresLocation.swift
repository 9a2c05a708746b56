// PostgresLocation: where `--database postgres://…` points — user, database, host and port or socket folder.
import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL portal lives: `postgres://user[:password]@host[:port]/database`, or with
/// `?host=/socket/folder` a Unix socket (a local server, or the tests' throw-away cluster);
/// `&schema=NAME` keeps the portal's tables in that schema (created at migration) instead of `public`.
package struct PostgresLocation: Sendable, Equatable {
    package let user: String
    package let password: String?
    package private(set) var database: String
    /// A TCP host and port, or a socket folder.
    package let host: String?
    package let port: Int
    package let socketFolder: String?
    /// The schema of the portal's tables; nil for the server's default search path.
    package private(set) var schema: String?

    /// Reads the URL; throws a message saying what to write instead.
    package init(url: String) throws {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme?.lowercased() ?? ""),
            let user = parts.user, !user.isEmpty
        else {
            throw StoreError.invalid(
                "--database \(url): write postgres://user@host[:port]/database or postgres://user@/database?host=/socket/folder")
        }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw StoreError.invalid("--database \(url): name the database after the host, /cartable") }
        self.user = user
        password = parts.password
        self.database = database
        socketFolder = parts.queryItems?.first { $0.name == "host" }?.value
        host = parts.host.flatMap { $0.isEmpty ? nil : $0 }
        port = parts.port ?? 5432
        schema = parts.queryItems?.first { $0.name == "schema" }?.value
        if let schema, !Self.isPlainName(schema) {
            throw StoreError.invalid("--database \(url): the schema '\(schema)' must be lower-case letters, digits and _")
        }
        guard host != nil || socketFolder != nil else {
            throw StoreError.invalid("--database \(url): give a host (postgres://user@db.example.org/cartable) or ?host=/socket/folder")
        }
    }

    /// The location without its password, for logs and messages.
    package var description: String {
        let query = [socketFolder.map { "host=\($0)" }, schema.map { "schema=\($0)" }].compactMap { $0 }.joined(separator: "&")
        return "postgres://\(user)@\(host ?? "")\(host != nil ? ":\(port)" : "")/\(database)\(query.isEmpty ? "" : "?\(query)")"
    }

    /// The same server and database with the tables in another schema.
    package func with(schema name: String?) -> PostgresLocation {
        var copy = self
        copy.schema = name
        return copy
    }

    static func isPlainName(_ text: String) -> Bool {
        (1...63).contains(text.utf8.count)
            && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// How postgres-nio connects there: a socket folder without TLS, a host with TLS when the server offers it.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = try serverConfiguration()
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }

    private func serverConfiguration() throws -> PostgresConnection.Configuration {
        if let folder = socketFolder {
            return .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tls: NIOSSLContext
        do {
            tls = try NIOSSLContext(configuration: .makeClientConfiguration())
        } catch {
            throw StoreError.internal("cannot prepare TLS for PostgreSQL at \(description): \(error)")
        }
        return .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: .prefer(tls))
    }
}
