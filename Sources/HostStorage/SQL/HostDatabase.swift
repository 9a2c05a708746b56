// HostDatabase: the host's database on either engine — SQLite under `--data DIR`, PostgreSQL under `--database postgres://…` — and its transactions.
import Foundation
import Logging

/// Every storage reads and writes through ``read(_:)`` and ``write(_:)``; what differs
/// between the engines stays in their folders (SQLite/, Postgres/).
///
/// Both give the same guarantees: a read sees one snapshot; writes are serialized (SQLite
/// has one writer; PostgreSQL's write transactions take one advisory lock, so that the
/// check-then-write steps the storages do behave exactly as on SQLite, across hosts too).
package final class HostDatabase: Sendable {
    package enum Engine: Sendable {
        case sqlite(SQLiteEngine)
        case postgres(PostgreSQLEngine)
    }

    package let engine: Engine
    /// Changes this process's caches hear of (and, on PostgreSQL once ``shareChanges()`` ran, every host's).
    package let signals = ChangeSignals()

    package init(engine: Engine) {
        self.engine = engine
    }

    /// On PostgreSQL, starts exchanging ``signals`` with the other hosts (LISTEN/NOTIFY); on
    /// SQLite, one process has nobody to tell.
    package func shareChanges() {
        postgres?.share(signals)
    }

    /// The SQLite portal in `directory` (`cartable.sqlite`), migrated unless told not to.
    package convenience init(directory: URL, migrate: Bool = true) throws {
        self.init(engine: .sqlite(try SQLiteEngine(directory: directory)))
        if migrate { try self.migrate() }
    }

    /// The PostgreSQL portal at `url` (`postgres://user@host/db`), migrated unless told not to.
    package convenience init(
        postgres url: String, poolSize: Int = 16, migrate: Bool = true, logger: Logger = Logger(label: "cartable.postgres")
    )
        throws
    {
        self.init(engine: .postgres(PostgreSQLEngine(try PostgresLocation(url: url), poolSize: poolSize, logger: logger)))
        if migrate { try self.migrate() }
    }

    /// The database `location` names: SQLite in a folder, or a PostgreSQL URL.
    package convenience init(opening location: DatabaseLocation, poolSize: Int = 16, migrate: Bool = true) throws {
        switch location {
        case .sqlite(let directory): try self.init(directory: directory, migrate: migrate)
        case .postgres(let url): try self.init(postgres: url, poolSize: poolSize, migrate: migrate)
        }
    }

    package var dialect: SQLDialect {
        switch engine {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The SQLite engine, for what only a file has (its path, a backup).
    package var sqlite: SQLiteEngine? {
        if case .sqlite(let engine) = engine { return engine }
        return nil
    }

    /// The PostgreSQL engine, for what only a server has (notifications between hosts).
    package var postgres: PostgreSQLEngine? {
        if case .postgres(let engine) = engine { return engine }
        return nil
    }

    /// Where the data lives, for logs and messages (no password).
    package var location: String {
        switch engine {
        case .sqlite(let engine): engine.path
        case .postgres(let engine): engine.location.description
        }
    }

    /// Closes what the engine keeps open between calls (PostgreSQL's idle connections).
    package func close() {
        postgres?.close()
    }

    /// Applies the migrations not applied yet; returns their names.
    @discardableResult
    package func migrate() throws -> [String] {
        switch engine {
        case .sqlite(let engine): try engine.migrate()
        case .postgres(let engine): try engine.migrate()
        }
    }

    /// Runs a background job (`retention`…) unless another host is running it: on PostgreSQL an
    /// advisory lock per job name, held while `body` runs; nil when it was taken. SQLite's one
    /// process just runs it.
    package func exclusively<T>(job: String, _ body: () throws -> T) throws -> T? {
        guard let postgres else { return try body() }
        return try postgres.exclusively(job: job, body)
    }

    /// Runs `body` (one plugin request) with a ``RequestScope``: every read it makes on this
    /// thread shares one connection and one snapshot, begun at the first read: a request that
    /// reads nothing takes no connection.
    package func withRequestScope<T>(_ body: () -> T) -> T {
        let owner = ObjectIdentifier(self)
        if RequestScope.current(for: owner) != nil { return body() }
        switch engine {
        case .sqlite(let engine): return RequestScope.run(owner: owner, lend: engine.lendScopeConnection, body)
        case .postgres(let engine): return RequestScope.run(owner: owner, lend: engine.lendScopeConnection, body)
        }
    }

    /// Runs `body` in a read transaction: one snapshot, no writes.
    package func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        if let scope = RequestScope.current(for: ObjectIdentifier(self)) { return try scope.read(body) }
        switch engine {
        case .sqlite(let engine): return try engine.read(body)
        case .postgres(let engine): return try engine.read(body)
        }
    }

    /// Runs `body`, which runs **one** statement, outside any transaction: a single SELECT sees one
    /// snapshot by itself, and skipping BEGIN and COMMIT is most of a small read's cost (SQLite
    /// compiles both each time; PostgreSQL answers them). Several statements need ``read(_:)``.
    package func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        if let scope = RequestScope.current(for: ObjectIdentifier(self)) { return try scope.read(body) }
        switch engine {
        case .sqlite(let engine): return try engine.readStatement(body)
        case .postgres(let engine): return try engine.readStatement(body)
        }
    }

    /// Runs `body` in a write transaction, committed when it returns, rolled back when it throws.
    @discardableResult
    package func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try transaction { db in (try body(db), true) }
    }

    /// Runs `body` in a write transaction that it commits or rolls back by its answer (a dry run rolls back).
    @discardableResult
    package func transaction<T>(_ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        // A request's snapshot ends before it writes: its next read sees the write.
        RequestScope.current(for: ObjectIdentifier(self))?.endSnapshot(failed: false)
        switch engine {
        case .sqlite(let engine): return try engine.transaction(body)
        case .postgres(let engine): return try engine.transaction(body)
        }
    }
}
