// SQLiteEngine: the embedded engine — one SQLite file in WAL mode under the data folder, opened once and migrated at start.
import Foundation
import GRDB

/// GRDB's `DatabasePool` gives concurrent readers and one writer; every store call is
/// synchronous, so callers run it off the event loop (plugin calls already are).
package final class SQLiteEngine: Sendable {
    package let pool: DatabasePool
    package let path: String
    /// Statements compiled on this engine's connections (debug builds).
    package let compilations = StatementCompilations()
    /// The read-only connections request scopes take.
    let scopeReaders: SQLiteScopeReaders

    /// Opens (creating if needed) `cartable.sqlite` in `directory`.
    ///
    /// `synchronous = NORMAL` in WAL mode: a commit is durable once the WAL is written; a power
    /// loss (not a crash of the process) may lose the last transactions before a checkpoint,
    /// never corrupt the file. `FULL` would sync the WAL at every commit, several times slower.
    package init(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.internal("cannot create data folder \(directory.path): \(error.localizedDescription)")
        }
        path = directory.appendingPathComponent("cartable.sqlite").path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { [compilations] db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
            compilations.opened(db)
        }
        configuration.maximumReaderCount = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
        scopeReaders = SQLiteScopeReaders(path: path, configuration: configuration)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.internal("cannot open database \(path): \(error)")
        }
    }

    /// Applies pending numbered migrations, up to and including `last` when given; returns the names it applied.
    package func migrate(upTo last: String? = nil) throws -> [String] {
        var migrator = DatabaseMigrator()
        for step in HostMigrations.steps {
            migrator.registerMigration(step.name) { db in
                try db.execute(sql: step.sql)
                try step.backfill?(SQLiteSession(db: db))
            }
        }
        do {
            let pending = try pool.read { db in try migrator.appliedIdentifiers(db) }
            if let last { try migrator.migrate(pool, upTo: last) } else { try migrator.migrate(pool) }
            let now = try pool.read { db in try migrator.appliedIdentifiers(db) }
            return migrator.migrations.filter { now.contains($0) && !pending.contains($0) }
        } catch {
            throw StoreError.internal("migrating \(path) failed: \(error)")
        }
    }

    /// One read transaction; BEGIN and COMMIT are kept compiled like every other statement
    /// (GRDB's own `read` compiles both at each call).
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.unsafeRead { db in
            let session = session(db)
            _ = try session.execute(sql: "BEGIN DEFERRED TRANSACTION")
            defer { Self.end(session) }
            return try body(session)
        }
    }

    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.unsafeRead { db in try body(session(db)) }
    }

    /// A request scope's connection, taken at its first read: a read-only connection of the
    /// engine's own (GRDB's pool lends its readers inside a closure only), its snapshot a
    /// deferred transaction, given back when the snapshot ends.
    func lendScopeConnection() throws -> any RequestScope.Connection {
        ScopeConnection(engine: self, queue: try scopeReaders.take())
    }

    private final class ScopeConnection: RequestScope.Connection {
        let engine: SQLiteEngine
        let queue: DatabaseQueue

        init(engine: SQLiteEngine, queue: DatabaseQueue) {
            self.engine = engine
            self.queue = queue
        }

        func begin() throws {
            _ = try run { try $0.execute(sql: "BEGIN DEFERRED TRANSACTION") }
        }

        func run<T>(_ body: (any SQLSession) throws -> T) throws -> T {
            try queue.inDatabase { db in try body(engine.session(db)) }
        }

        func end(failed: Bool) {
            try? queue.inDatabase { db in SQLiteEngine.end(engine.session(db)) }
            engine.scopeReaders.giveBack(queue)
        }
    }

    func transaction<T>(_ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        try pool.writeWithoutTransaction { db in
            let session = session(db)
            _ = try session.execute(sql: "BEGIN IMMEDIATE TRANSACTION")
            let outcome: (value: T, commit: Bool)
            do {
                outcome = try body(session)
            } catch {
                if db.isInsideTransaction { _ = try? session.execute(sql: "ROLLBACK") }
                throw error
            }
            do {
                _ = try session.execute(sql: outcome.commit ? "COMMIT" : "ROLLBACK")
            } catch {
                if db.isInsideTransaction { _ = try? session.execute(sql: "ROLLBACK") }
                throw error
            }
            return outcome.value
        }
    }

    fileprivate func session(_ db: Database) -> SQLiteSession {
        SQLiteSession(db: db, compilations: compilations)
    }

    /// Ends a read transaction (a read-only one commits; if that fails, it rolls back).
    fileprivate static func end(_ session: any SQLSession) {
        if (try? session.execute(sql: "COMMIT")) == nil { _ = try? session.execute(sql: "ROLLBACK") }
    }
}

/// A GRDB connection inside one of the engine's transactions.
struct SQLiteSession: SQLSession {
    let db: GRDB.Database
    /// The engine's count of compilations (nil in migrations, which compile what they run once).
    var compilations: StatementCompilations? = nil

    var dialect: SQLDialect { .sqlite }
    var changesCount: Int { db.changesCount }

    /// A text of several statements (a migration's) runs compiled once; one statement is kept compiled.
    func perform(sql: String, arguments: SQLArguments) throws -> Int {
        if arguments.values.isEmpty, sql.contains(";") {
            compilations?.once()
            try db.execute(sql: sql)
        } else {
            try compiled(sql).execute(arguments: Self.grdb(arguments))
        }
        return db.changesCount
    }

    /// The statement for `sql`, compiled at its first use on this connection and kept.
    private func compiled(_ sql: String) throws -> Statement {
        compilations?.kept(sql, on: db)
        return try db.cachedStatement(sql: sql)
    }

    /// Every query is kept compiled on its connection: compiling (SQLite's parser and GRDB's
    /// authorizer) was a tenth of a plugin page's time. The texts are a bounded set — values are
    /// always bound, never written into the SQL — so the cache stays small.
    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try rows(try compiled(sql), arguments)
    }

    func cachedStatement(sql: String) throws -> SQLStatement {
        SQLStatement(session: self, sql: sql, compiled: try compiled(sql))
    }

    func perform(_ statement: SQLStatement, arguments: SQLArguments) throws -> Int {
        let statement = try (statement.compiled as? Statement) ?? compiled(statement.sql)
        try statement.execute(arguments: Self.grdb(arguments))
        return db.changesCount
    }

    func performLater(_ statement: SQLStatement, arguments: SQLArguments) throws {
        _ = try perform(statement, arguments: arguments)
    }

    func rows(_ statement: SQLStatement, arguments: SQLArguments) throws -> [SQLRow] {
        try rows(try (statement.compiled as? Statement) ?? compiled(statement.sql), arguments)
    }

    private func rows(_ statement: Statement, _ arguments: SQLArguments) throws -> [SQLRow] {
        let columns = SQLColumns(statement.columnNames)
        let cursor = try GRDB.Row.fetchCursor(statement, arguments: Self.grdb(arguments))
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: (0..<row.count).map { Self.value(row[$0] as DatabaseValue) }))
        }
        return rows
    }

    static func grdb(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(
            arguments.values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: nil
                case .integer(let number): number
                case .real(let number): number
                case .text(let text): text
                case .blob(let bytes): Data(bytes)
                }
            })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }
}
