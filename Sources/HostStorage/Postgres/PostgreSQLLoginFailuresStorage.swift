// PostgreSQLLoginFailuresStorage: the login_failures table, for PostgreSQL.
import Foundation
import PostgresNIO

extension PostgreSQLDatabase {
    /// Failed attempts in this database.
    package var loginFailures: any LoginFailuresStorage { PostgreSQLLoginFailuresStorage(database: self) }
}

struct PostgreSQLLoginFailuresStorage: LoginFailuresStorage {
    let database: PostgreSQLDatabase

    func failureTimes(kind: String, key: String, since: TimeInterval) throws -> [TimeInterval] {
        try database.blocking { client in
            var times: [TimeInterval] = []
            let rows = try await client.query(
                "SELECT at FROM login_failures WHERE kind = \(kind) AND key = \(key) AND at > \(since) ORDER BY at")
            for try await at in rows.decode(Double.self) { times.append(at) }
            return times
        }
    }

    func recordFailures(_ keys: [(kind: String, key: String)], at date: Date) throws {
        let keys = keys.map { [$0.kind, $0.key] }, at = date.timeIntervalSince1970
        try database.blocking { client in
            try await client.withTransaction(logger: database.logger) { connection in
                // A connection's query needs its logger: without it, Swift picks an older overload that
                // returns a future nobody waits for, and the row is silently never written.
                for key in keys {
                    try await connection.query(
                        "INSERT INTO login_failures (kind, key, at) VALUES (\(key[0]), \(key[1]), \(at))", logger: database.logger)
                }
            }
        }
    }
}
