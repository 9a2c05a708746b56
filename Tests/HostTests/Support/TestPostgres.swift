// TestPostgres: a fresh database per test on the throw-away PostgreSQL cluster `make test` starts (Tests/Support/with-postgres.sh).
import Foundation
import HostStorage
import PostgresNIO
import Testing

enum TestPostgres {
    /// The cluster's `postgres://` URL, or a failure that says how to get one.
    static func clusterURL() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["CARTABLE_TEST_POSTGRES"],
            "PostgreSQL tests need the throw-away cluster: run them through make test, or Tests/Support/with-postgres.sh swift test")
    }

    /// Runs `body` with a pool on a new, empty database of the cluster, dropped afterwards.
    static func withDatabase<T: Sendable>(_ body: @Sendable (PostgreSQLDatabase) async throws -> T) async throws -> T {
        let cluster = try PostgresLocation(url: try clusterURL())
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await running(PostgreSQLDatabase(cluster)) { admin in
            try await admin.client.query(.init(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let url = try clusterURL().replacingOccurrences(of: "/\(cluster.database)?", with: "/\(name)?")
        let result = try await running(PostgreSQLDatabase(try PostgresLocation(url: url)), body)
        try await running(PostgreSQLDatabase(cluster)) { admin in
            try await admin.client.query(.init(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
        }
        return result
    }

    /// Runs `body` while `database`'s pool runs.
    static func running<T: Sendable>(
        _ database: PostgreSQLDatabase, _ body: @Sendable (PostgreSQLDatabase) async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await database.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }
}
