// LoginFailuresStorage: what throttling stores — the times of failed attempts per kind and key.
import Foundation

package protocol LoginFailuresStorage: Sendable {
    /// The times (seconds since 1970) of the failures of `kind` and `key` after `since`, oldest first.
    func failureTimes(kind: String, key: String, since: TimeInterval) throws -> [TimeInterval]
    /// Records one failure at `date` under each key.
    func recordFailures(_ keys: [(kind: String, key: String)], at date: Date) throws
}

extension HostDatabase {
    /// Failed attempts in this database.
    package var loginFailures: any LoginFailuresStorage { SQLLoginFailuresStorage(database: self) }
}

/// The login_failures table.
package struct SQLLoginFailuresStorage: LoginFailuresStorage {
    let database: HostDatabase

    package func failureTimes(kind: String, key: String, since: TimeInterval) throws -> [TimeInterval] {
        try database.read { db in
            try Double.fetchAll(
                db, sql: "SELECT at FROM login_failures WHERE kind = ? AND key = ? AND at > ? ORDER BY at", arguments: [kind, key, since])
        }
    }

    package func recordFailures(_ keys: [(kind: String, key: String)], at date: Date) throws {
        try database.write { db in try Self.record(db, keys, at: date) }
    }

    /// Records failures within a transaction that also changes something else (a failed login's audit line).
    package static func record(_ db: any SQLSession, _ keys: [(kind: String, key: String)], at date: Date) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO login_failures (kind, key, at) VALUES (?, ?, ?)")
        for key in keys { try statement.execute(arguments: [key.kind, key.key, date.timeIntervalSince1970]) }
    }
}
