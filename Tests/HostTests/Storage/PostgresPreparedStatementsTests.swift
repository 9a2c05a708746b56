// PostgresPreparedStatementsTests: reads prepared once per connection give what the same reads sent by their text give, and a text PostgreSQL cannot prepare still runs.
import Foundation
import HostStorage
import Testing

@Suite("PostgreSQL: prepared reads")
struct PostgresPreparedStatementsTests {
    static let table = """
        CREATE TABLE kinds (id INTEGER PRIMARY KEY, big BIGINT, small SMALLINT, ratio DOUBLE PRECISION,
        label TEXT, tag VARCHAR(20), body JSONB, bytes BYTEA)
        """

    /// Every kind of value a storage binds, read back through a statement that is prepared at its
    /// first run and run by name at the second: the same rows both times, as SQLite gives them.
    @Test func valuesOfEveryKindRoundTripThroughAPreparedRead() async throws {
        try await TestPostgres.withDatabase(migrate: false) { database in
            try database.write { db in
                try db.execute(sql: Self.table)
                try db.execute(
                    sql: "INSERT INTO kinds VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        7, Int64(5_000_000_000), 12, 0.25, "élève", "6e B", #"{"note": 15.5, "nom": "Léa"}"#, Data([0, 1, 254, 255]),
                    ])
            }
            let counts = try #require(database.postgres?.statementCounts)
            let sql = """
                SELECT id, big, small, ratio, label, tag, body->>'nom' AS name, bytes FROM kinds
                WHERE id = ? AND big = ? AND small = ? AND ratio = ? AND label = ? AND tag = ? AND body @> ?::jsonb AND bytes = ?
                """
            let arguments: SQLArguments = [7, Int64(5_000_000_000), 12, 0.25, "élève", "6e B", #"{"nom": "Léa"}"#, Data([0, 1, 254, 255])]
            let preparedBefore = counts.prepared
            for run in 1...2 {
                let row = try #require(
                    try database.read { db in try SQLRow.fetchOne(db, sql: sql, arguments: arguments) }, "run \(run) found nothing")
                #expect(row["id"] as Int64 == 7 && row["big"] as Int64 == 5_000_000_000 && row["small"] as Int64 == 12)
                #expect(row["ratio"] as Double == 0.25)
                #expect(row["label"] as String == "élève" && row["tag"] as String == "6e B" && row["name"] as String == "Léa")
                #expect(row["bytes"] as Data == Data([0, 1, 254, 255]))
            }
            // Prepared once for the two runs (a read is one statement on one connection of the pool).
            #expect(counts.prepared == preparedBefore + 1)
        }
    }

    /// `? IS NULL` gives PostgreSQL no type to prepare with (sent by its text, the value's own type
    /// tells it): the statement runs by its text, the
    /// transaction it failed to prepare in goes on, and a value too large for its column's type
    /// finds nothing rather than failing.
    @Test func aTextPostgreSQLCannotPrepareStillRunsAndItsTransactionGoesOn() async throws {
        try await TestPostgres.withDatabase(migrate: false) { database in
            try database.write { db in try db.execute(sql: Self.table) }
            let counts = try #require(database.postgres?.statementCounts)
            let byTextBefore = counts.readsByText
            try database.write { db in
                let empty = try SQLRow.fetchOne(db, sql: "SELECT ? IS NULL AS empty", arguments: [5])
                #expect(empty?["empty"] as Bool? == false)
                try db.execute(sql: "INSERT INTO kinds (id, label) VALUES (?, ?)", arguments: [1, "après"])
            }
            #expect(counts.readsByText == byTextBefore + 1)
            let label = try database.read { db in try String.fetchOne(db, sql: "SELECT label FROM kinds WHERE id = ?", arguments: [1]) }
            #expect(label == "après")
            let tooLarge = try database.read { db in
                try SQLRow.fetchAll(db, sql: "SELECT label FROM kinds WHERE id = ?", arguments: [Int64(5_000_000_000)])
            }
            #expect(tooLarge.isEmpty)
        }
    }
}
