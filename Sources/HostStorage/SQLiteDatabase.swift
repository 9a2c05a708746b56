// SQLiteDatabase: the host's SQLite database (WAL, one file), opened once and migrated at start.
import Foundation
import GRDB

/// The embedded SQLite database behind the host: one file in WAL mode under the data folder.
///
/// GRDB's `DatabasePool` gives concurrent readers and one writer; every store call is
/// synchronous, so callers run it off the event loop (plugin calls already are).
package final class SQLiteDatabase: Sendable {
    package let pool: DatabasePool
    package let path: String

    /// Opens (creating if needed) `cartable.sqlite` in `directory` and applies migrations.
    package init(directory: URL, migrate: Bool = true) throws {
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
        if migrate { _ = try self.migrate() }
    }

    /// Applies pending numbered migrations; returns the names it applied.
    @discardableResult
    package func migrate() throws -> [String] {
        let migrator = HostMigrations.migrator
        do {
            let pending = try pool.read { db in try migrator.appliedIdentifiers(db) }
            try migrator.migrate(pool)
            return migrator.migrations.filter { !pending.contains($0) }
        } catch {
            throw StoreError.internal("migrating \(path) failed: \(error)")
        }
    }
}
