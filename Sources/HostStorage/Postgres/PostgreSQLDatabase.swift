// PostgreSQLDatabase: the host's PostgreSQL engine — where `--database postgres://…` points, its connection pool and its migrations.
import Foundation
import Logging
import PostgresNIO

/// Where a PostgreSQL portal lives: `postgres://user[:password]@host[:port]/database`, or with
/// `?host=/socket/folder` a Unix socket (a local server, or the tests' throw-away cluster).
package struct PostgresLocation: Sendable, Equatable {
    package let user: String
    package let password: String?
    package let database: String
    /// A TCP host and port, or a socket folder.
    package let host: String?
    package let port: Int
    package let socketFolder: String?

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
        guard host != nil || socketFolder != nil else {
            throw StoreError.invalid("--database \(url): give a host (postgres://user@db.example.org/cartable) or ?host=/socket/folder")
        }
    }
}

/// A pool of connections to one PostgreSQL database, running while ``run()`` does.
package final class PostgreSQLDatabase: Sendable {
    package let location: PostgresLocation
    package let client: PostgresClient
    let logger: Logger

    package init(_ location: PostgresLocation, logger: Logger = Logger(label: "cartable.postgres")) {
        self.location = location
        self.logger = logger
        let configuration: PostgresClient.Configuration
        if let folder = location.socketFolder {
            configuration = .init(
                unixSocketPath: "\(folder)/.s.PGSQL.\(location.port)", username: location.user, password: location.password,
                database: location.database)
        } else {
            configuration = .init(
                host: location.host ?? "localhost", port: location.port, username: location.user, password: location.password,
                database: location.database, tls: .prefer(.makeClientConfiguration()))
        }
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the pool until the task is cancelled (a service of the host's lifetime).
    package func run() async {
        await client.run()
    }

    /// Applies the host's migrations not applied yet, in order, in one transaction (all or none);
    /// returns the names it applied. Several hosts starting at once wait on one lock.
    @discardableResult
    package func migrate() async throws -> [String] {
        try await client.withTransaction(logger: logger) { connection -> [String] in
            // One migrator at a time across hosts (released at commit).
            try await connection.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(7261657)"), logger: logger)
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"),
                logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            var done: [String] = []
            for step in HostMigrations.steps where !applied.contains(step.name) {
                for statement in PostgresDialect.split(step.postgresSQL) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let stamp = Date().formatted(.iso8601)
                try await connection.query(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(step.name), \(stamp))", logger: logger)
                done.append(step.name)
            }
            return done
        }
    }
}
