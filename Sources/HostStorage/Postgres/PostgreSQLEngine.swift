// PostgreSQLEngine: the host on PostgreSQL — transactions on leased connections, migrations under a lock shared by every host.
import Foundation
import Logging
import PostgresNIO
import Synchronization

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

    private let relay = Mutex<PostgresChangeRelay?>(nil)

    package init(_ location: PostgresLocation, poolSize: Int, logger: Logger) {
        self.location = location
        self.logger = logger
        pool = PostgresConnectionPool(location: location, size: poolSize, logger: logger)
    }

    deinit { close() }

    /// Statements prepared and reads sent by their text, on every connection.
    package var statementCounts: PostgresStatementCounts { pool.counts }

    /// Closes the idle connections (a later call opens new ones) and stops listening to other hosts.
    package func close() {
        relay.withLock { relay in
            relay?.stop()
            relay = nil
        }
        pool.close()
    }

    /// Relays `signals` to and from the other hosts, on a connection of its own.
    func share(_ signals: ChangeSignals) {
        relay.withLock { relay in
            guard relay == nil else { return }
            let started = PostgresChangeRelay(location: location, signals: signals, logger: logger)
            signals.relay(through: started)
            started.start()
            relay = started
        }
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try leased(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", waitForCommit: false) { session in (try body(session), true) }
    }

    /// A request scope's connection, leased at its first read: REPEATABLE READ READ ONLY (BEGIN
    /// sent with the first statement, COMMIT not waited for), given back when the snapshot ends.
    func lendScopeConnection() throws -> any RequestScope.Connection {
        ScopeConnection(pool: pool, connection: try pool.lease(), logger: logger)
    }

    private final class ScopeConnection: RequestScope.Connection {
        let pool: PostgresConnectionPool
        let connection: PostgresConnectionPool.Lease
        let session: PostgreSQLSession

        init(pool: PostgresConnectionPool, connection: PostgresConnectionPool.Lease, logger: Logger) {
            self.pool = pool
            self.connection = connection
            self.session = PostgreSQLSession(lease: connection, inTransaction: true, logger: logger)
        }

        func begin() throws {
            session.send("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        }

        func run<T>(_ body: (any SQLSession) throws -> T) throws -> T {
            try body(session)
        }

        func end(failed: Bool) {
            var reusable = true
            if failed {
                reusable = (try? session.execute(sql: "ROLLBACK")) != nil
            } else {
                session.sendAndForget("COMMIT")
            }
            pool.release(connection, reusable: reusable)
        }
    }

    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try withoutTransaction(body)
    }

    func transaction<T>(_ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        try leased(begin: "BEGIN; SELECT pg_advisory_xact_lock(\(Self.writerLock))", waitForCommit: true, body)
    }

    /// Runs statements on a leased connection outside any transaction (`CREATE DATABASE`).
    package func withoutTransaction<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        let connection = try pool.lease()
        var reusable = true
        defer { pool.release(connection, reusable: reusable) }
        do {
            return try body(PostgreSQLSession(lease: connection, inTransaction: false, logger: logger))
        } catch {
            reusable = false
            throw error
        }
    }

    /// Runs `body` while this process holds the job's advisory lock; nil when another host holds it.
    func exclusively<T>(job: String, _ body: () throws -> T) throws -> T? {
        try withoutTransaction { lock in
            let key = "cartable-job:\(job)"
            guard try Bool.fetchOne(lock, sql: "SELECT pg_try_advisory_lock(hashtext(?))", arguments: [key]) == true else { return nil }
            defer { _ = try? lock.execute(sql: "SELECT pg_advisory_unlock(hashtext(?))", arguments: [key]) }
            return try body()
        }
    }

    /// Applies the migrations not applied yet, in order, in one transaction (all or none).
    func migrate() throws -> [String] {
        try leased(begin: "BEGIN; SELECT pg_advisory_xact_lock(\(Self.migrationLock))", waitForCommit: true) { db in
            if let schema = location.schema { try db.execute(sql: "CREATE SCHEMA IF NOT EXISTS \(schema)") }
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

    /// Runs `body` in a transaction on a leased connection. BEGIN goes with the first statement
    /// (one round trip, not two); a read's COMMIT is not waited for (it has nothing to make durable).
    private func leased<T>(begin: String, waitForCommit: Bool, _ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        let connection = try pool.lease()
        let session = PostgreSQLSession(lease: connection, inTransaction: true, logger: logger)
        var reusable = false
        defer { pool.release(connection, reusable: reusable) }
        session.send(begin)
        let outcome: (value: T, commit: Bool)
        do {
            outcome = try body(session)
        } catch {
            reusable = (try? session.execute(sql: "ROLLBACK")) != nil
            throw error
        }
        if waitForCommit || !outcome.commit {
            try session.execute(sql: outcome.commit ? "COMMIT" : "ROLLBACK")
        } else {
            session.sendAndForget("COMMIT")
        }
        reusable = true
        return outcome.value
    }
}
