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

    /// A new, empty database of the cluster; its URL. ``drop(_:)`` removes it.
    static func createDatabase() throws -> String {
        let url = try clusterURL()
        let cluster = try PostgresLocation(url: url)
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try maintenance { try $0.execute(sql: "CREATE DATABASE \(name)") }
        return url.replacingOccurrences(of: "/\(cluster.database)?", with: "/\(name)?")
    }

    /// Drops a database of ``createDatabase()``, whoever is still connected to it.
    static func drop(_ url: String) throws {
        let name = try PostgresLocation(url: url).database
        try maintenance { try $0.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// Runs `body` with a new database (migrated unless told not to), dropped afterwards, on a thread that may block.
    static func withDatabase<T: Sendable>(migrate: Bool = true, _ body: @escaping @Sendable (HostDatabase) throws -> T) async throws -> T {
        try await onBlockingThread {
            let url = try createDatabase()
            defer { try? drop(url) }
            let database = try HostDatabase(postgres: url, poolSize: 4, migrate: migrate)
            defer { database.close() }
            return try body(database)
        }
    }

    private static func maintenance(_ body: (any SQLSession) throws -> Void) throws {
        let database = try HostDatabase(postgres: try clusterURL(), poolSize: 1, migrate: false)
        defer { database.close() }
        guard let engine = database.postgres else { return }
        try engine.withoutTransaction(body)
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
