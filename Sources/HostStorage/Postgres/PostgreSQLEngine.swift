// PostgreSQLEngine: the host on PostgreSQL — transactions on leased connections, migrations under a lock shared by every host.
import Foundation
import Logging
import PostgresNIO

/// Reads run in `REPEATABLE READ READ ONLY` transactions (one snapshot, as SQLite's readers
/// see); writes take the advisory lock ``writerLock`` first, so that writes are serialized
/// across every host as SQLite serializes its writer: the storages' check-then-write steps
/// (a version compared, then a row updated) need no retry loop on either engine.
package final class PostgreSQLEngine: Sendable {
    package let location: PostgresLocation
    let pool: PostgresConnectionPool
    let logger: Logger

    /// The advisory lock of write transactions.
    static let writerLock: Int64 = 0x4361_7274_6162_6C65
    /// The advisory lock of migrations (one host migrates; the others wait, then find nothing to do).
    static let migrationLock: Int64 = 7_261_657

    package init(_ location: PostgresLocation, poolSize: Int, logger: Logger) {
        self.location = location
        self.logger = logger
        pool = PostgresConnectionPool(location: location, size: poolSize, logger: logger)
    }

    deinit { pool.close() }

    /// Closes the idle connections; a later call opens new ones.
    package func close() { pool.close() }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try leased(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { session in (try body(session), true) }
    }

    func transaction<T>(_ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        try leased(begin: "BEGIN; SELECT pg_advisory_xact_lock(\(Self.writerLock))", body)
    }

    /// Runs statements on a leased connection outside any transaction (`CREATE DATABASE`).
    package func withoutTransaction<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        let connection = try pool.lease()
        var reusable = true
        defer { pool.release(connection, reusable: reusable) }
        do {
            return try body(PostgreSQLSession(connection: connection, logger: logger))
        } catch {
            reusable = false
            throw error
        }
    }

    /// Applies the migrations not applied yet, in order, in one transaction (all or none).
    func migrate() throws -> [String] {
        try leased(begin: "BEGIN; SELECT pg_advisory_xact_lock(\(Self.migrationLock))") { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            let applied = try String.fetchSet(db, sql: "SELECT name FROM schema_migrations")
            var done: [String] = []
            for step in HostMigrations.steps where !applied.contains(step.name) {
                try db.execute(sql: step.postgresSQL)
                try db.execute(
                    sql: "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                    arguments: [step.name, Date().formatted(.iso8601)])
                done.append(step.name)
            }
            return (done, true)
        }
    }

    private func leased<T>(begin: String, _ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        let connection = try pool.lease()
        let session = PostgreSQLSession(connection: connection, logger: logger)
        var reusable = false
        defer { pool.release(connection, reusable: reusable) }
        try session.execute(sql: begin)
        let outcome: (value: T, commit: Bool)
        do {
            outcome = try body(session)
        } catch {
            reusable = (try? session.execute(sql: "ROLLBACK")) != nil
            throw error
        }
        try session.execute(sql: outcome.commit ? "COMMIT" : "ROLLBACK")
        reusable = true
        return outcome.value
    }
}
