// SQLiteEngine: the embedded engine — one SQLite file in WAL mode under the data folder, opened once and migrated at start.
import Foundation
import GRDB

/// GRDB's `DatabasePool` gives concurrent readers and one writer; every store call is
/// synchronous, so callers run it off the event loop (plugin calls already are).
package final class SQLiteEngine: Sendable {
    package let pool: DatabasePool
    package let path: String

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
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        }
        configuration.maximumReaderCount = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
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

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteSession(db: db)) }
    }

    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.unsafeRead { db in try body(SQLiteSession(db: db)) }
    }

    func transaction<T>(_ body: (any SQLSession) throws -> (value: T, commit: Bool)) throws -> T {
        var outcome: T?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction {
                let (value, commit) = try body(SQLiteSession(db: db))
                outcome = value
                return commit ? .commit : .rollback
            }
        }
        guard let outcome else { throw StoreError.internal("the transaction ended without an outcome") }
        return outcome
    }
}

/// A GRDB connection inside one of the engine's transactions.
struct SQLiteSession: SQLSession {
    let db: GRDB.Database

    var dialect: SQLDialect { .sqlite }
    var changesCount: Int { db.changesCount }

    func perform(sql: String, arguments: SQLArguments) throws -> Int {
        if arguments.values.isEmpty {
            try db.execute(sql: sql)
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: Self.grdb(arguments))
        }
        return db.changesCount
    }

    /// Every query is kept compiled on its connection: compiling (SQLite's parser and GRDB's
    /// authorizer) was a tenth of a plugin page's time. The texts are a bounded set — values are
    /// always bound, never written into the SQL — so the cache stays small.
    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try rows(try db.cachedStatement(sql: sql), arguments)
    }

    func cachedStatement(sql: String) throws -> SQLStatement {
        SQLStatement(session: self, sql: sql, compiled: try db.cachedStatement(sql: sql))
    }

    func perform(_ statement: SQLStatement, arguments: SQLArguments) throws -> Int {
        let compiled = try (statement.compiled as? Statement) ?? db.cachedStatement(sql: statement.sql)
        try compiled.execute(arguments: Self.grdb(arguments))
        return db.changesCount
    }

    func performLater(_ statement: SQLStatement, arguments: SQLArguments) throws {
        _ = try perform(statement, arguments: arguments)
    }

    func rows(_ statement: SQLStatement, arguments: SQLArguments) throws -> [SQLRow] {
        try rows(try (statement.compiled as? Statement) ?? db.cachedStatement(sql: statement.sql), arguments)
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
