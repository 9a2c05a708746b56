// TestPostgres: a fresh database per test on the throw-away PostgreSQL cluster `make test` starts (Tests/Support/with-postgres.sh).
import Foundation
import HostStorage
import Testing

enum TestPostgres {
    /// The cluster's `postgres://` URL, or a failure that says how to get one.
    static func clusterURL() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["CARTABLE_TEST_POSTGRES"],
            "PostgreSQL tests need the throw-away cluster: run them through make test, or Tests/Support/with-postgres.sh swift test")
    }

    /// A new database of the cluster, as a URL: a copy of a template migrated once per run
    /// (copying takes ~30 ms where migrating takes ~400), or empty when `migrated` is false.
    static func newDatabaseURL(migrated: Bool = true) throws -> String {
        let url = try clusterURL()
        let cluster = try PostgresLocation(url: url)
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let template = migrated ? try migratedTemplate.get() : "template0"
        try maintenance { try $0.execute(sql: "CREATE DATABASE \(name) TEMPLATE \(template)") }
        return url.replacingOccurrences(of: "/\(cluster.database)?", with: "/\(name)?")
    }

    /// The run's migrated template database, made by the first test that needs one.
    private static let migratedTemplate: Result<String, any Error> = Result {
        let url = try clusterURL()
        let cluster = try PostgresLocation(url: url)
        let name = "cartable_template"
        try maintenance { try $0.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        try maintenance { try $0.execute(sql: "CREATE DATABASE \(name)") }
        // Migrated, then closed: PostgreSQL copies a template only while nobody is connected to it.
        let database = try HostDatabase(postgres: url.replacingOccurrences(of: "/\(cluster.database)?", with: "/\(name)?"), poolSize: 1)
        database.close()
        return name
    }

    /// Drops a database of ``newDatabaseURL(migrated:)``, whoever is still connected to it.
    static func drop(_ url: String) throws {
        let name = try PostgresLocation(url: url).database
        try maintenance { try $0.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// Runs `body` with a new database (migrated unless told not to), dropped afterwards, on a thread that may block.
    static func withDatabase<T: Sendable>(migrate: Bool = true, _ body: @escaping @Sendable (HostDatabase) throws -> T) async throws -> T {
        try await onBlockingThread {
            let url = try newDatabaseURL(migrated: migrate)
            defer { try? drop(url) }
            let database = try HostDatabase(postgres: url, poolSize: 4, migrate: false)
            defer { database.close() }
            return try body(database)
        }
    }

    /// Runs statements outside a transaction on the cluster's own database (`CREATE DATABASE`).
    private static func maintenance(_ body: (any SQLSession) throws -> Void) throws {
        let database = try HostDatabase(postgres: try clusterURL(), poolSize: 1, migrate: false)
        defer { database.close() }
        try database.postgres?.withoutTransaction(body)
    }
}

/// Runs `body` on a thread that may block (the storages are synchronous, as on the host's blocking pool).
func onBlockingThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// The two engines a storage or integration test runs on.
enum TestEngine: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres
    var description: String { rawValue }

    /// The engine of the integration tests in this run: `CARTABLE_TEST_ENGINE=postgres` (the
    /// second pass of `make test`) puts every workspace's portal on the throw-away cluster.
    static var current: TestEngine {
        ProcessInfo.processInfo.environment["CARTABLE_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite
    }

    /// A new database of this engine: SQLite in `folder`, or a new PostgreSQL database.
    func newLocation(sqliteFolder folder: URL) throws -> DatabaseLocation {
        switch self {
        case .sqlite: .sqlite(folder)
        case .postgres: .postgres(try TestPostgres.newDatabaseURL())
        }
    }

    /// A migrated, empty database of this engine, given to `body` on a thread that may block.
    func withDatabase<T: Sendable>(_ body: @escaping @Sendable (HostDatabase) throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            return try await onBlockingThread {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: folder) }
                return try body(try HostDatabase(directory: folder))
            }
        case .postgres:
            return try await TestPostgres.withDatabase(body)
        }
    }
}

/// A new, migrated, empty database of this run's engine (``TestEngine/current``).
func openTestDatabase() throws -> HostDatabase {
    try HostDatabase(opening: try TestEngine.current.newLocation(sqliteFolder: try TestPaths.scratch()), poolSize: 4)
}
