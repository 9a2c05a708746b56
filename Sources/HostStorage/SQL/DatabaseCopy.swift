// DatabaseCopy: `cartable migrate-data` — every row of an SQLite portal copied into an empty PostgreSQL one, then compared table by table (counts and checksums).
import Crypto
import Foundation

/// Copies table by table, parents before the tables that reference them, in one write
/// transaction on the target (all or nothing), then reads both sides again: each table's
/// row count and a checksum of its rows (an order-free digest of each row's values, with
/// numbers and JSON documents written the same way on both engines) must agree.
package struct DatabaseCopy {
    package let source: HostDatabase
    package let target: HostDatabase

    package init(from source: HostDatabase, to target: HostDatabase) {
        self.source = source
        self.target = target
    }

    /// One table's outcome.
    package struct TableReport: Sendable, Equatable {
        package let table: String
        package let sourceRows: Int
        package let targetRows: Int
        package let sourceChecksum: String
        package let targetChecksum: String
        package var matches: Bool { sourceRows == targetRows && sourceChecksum == targetChecksum }
    }

    /// Copies everything; refuses a target that already holds accounts, schools or documents.
    package func run(progress: (String, Int) -> Void = { _, _ in }) throws -> [TableReport] {
        let tables = try orderedTables()
        try target.write { db in
            for table in ["users", "schools", "authorities", "documents"] where tables.contains(table) {
                if let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)"), count > 0 {
                    throw StoreError.conflict(
                        "the target already holds \(count) rows in \(table): migrate-data copies into an empty database only (create a new one)"
                    )
                }
            }
            // Tables the migrations fill (default roles…) are emptied first: the source has its own rows.
            for table in tables.reversed() { try db.execute(sql: "DELETE FROM \(table)") }
            for table in tables {
                let rows = try source.read { try SQLRow.fetchAll($0, sql: "SELECT * FROM \(table)") }
                try Self.insert(rows, into: table, db)
                progress(table, rows.count)
            }
            if db.dialect == .postgres {
                for table in ["events", "audit_log"] where tables.contains(table) {
                    // Identity columns continue after the copied ids.
                    try db.execute(
                        sql:
                            "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)"
                    )
                }
            }
        }
        return try tables.map { table in
            let (sourceRows, sourceChecksum) = try Self.checksum(table, source)
            let (targetRows, targetChecksum) = try Self.checksum(table, target)
            return TableReport(
                table: table, sourceRows: sourceRows, targetRows: targetRows, sourceChecksum: sourceChecksum, targetChecksum: targetChecksum
            )
        }
    }

    /// The target's tables, each after those it references (its foreign keys), by name otherwise.
    func orderedTables() throws -> [String] {
        let sourceTables = Set(try source.read { try String.fetchAll($0, sql: $0.dialect.tableNamesSQL) })
        let (tables, references) = try target.read { db -> ([String], [(String, String)]) in
            let tables = try String.fetchAll(db, sql: db.dialect.tableNamesSQL)
            guard db.dialect == .postgres else { return (tables, []) }
            let pairs = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint f
                    JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
                    WHERE f.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
                    """
            ).map { ($0["child"] as String, $0["parent"] as String) }
            return (tables, pairs)
        }
        let missing = sourceTables.subtracting(tables)
        guard missing.isEmpty else {
            throw StoreError.invalid("the target lacks the tables \(missing.sorted().joined(separator: ", ")): migrate it with this binary")
        }
        var ordered: [String] = [], placed = Set<String>()
        var remaining = tables.filter(sourceTables.contains).sorted()
        while !remaining.isEmpty {
            let ready = remaining.filter { table in
                references.allSatisfy { $0.0 != table || $0.1 == table || placed.contains($0.1) || !sourceTables.contains($0.1) }
            }
            guard !ready.isEmpty else { throw StoreError.internal("the tables' foreign keys form a cycle: \(remaining)") }
            ordered += ready
            placed.formUnion(ready)
            remaining.removeAll { placed.contains($0) }
        }
        return ordered
    }

    /// Multi-row INSERTs, as many rows per statement as PostgreSQL's 65,535 parameters allow (a few thousand).
    static func insert(_ rows: [SQLRow], into table: String, _ db: any SQLSession) throws {
        guard let first = rows.first else { return }
        let columns = first.columns.names
        let perStatement = max(1, min(1000, 30_000 / max(columns.count, 1)))
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            try db.execute(
                sql: "INSERT INTO \(table) (\(names)) VALUES \(Array(repeating: tuple, count: chunk.count).joined(separator: ", "))",
                arguments: SQLArguments(values: chunk.flatMap(\.values)))
            start += perStatement
        }
    }

    /// The table's row count and a digest of its rows, the same for the same rows on either engine.
    static func checksum(_ table: String, _ database: HostDatabase) throws -> (Int, String) {
        let rows = try database.read { try SQLRow.fetchAll($0, sql: "SELECT * FROM \(table)") }
        let digests = rows.map { row -> [UInt8] in
            var text = ""
            for (index, name) in row.columns.names.enumerated().sorted(by: { $0.element < $1.element }) {
                text += name + "=" + canonical(row.values[index], json: table == "documents" && name == "body") + "\u{1F}"
            }
            return Array(SHA256.hash(data: Data(text.utf8)))
        }
        var all = SHA256()
        for digest in digests.sorted(by: { $0.lexicographicallyPrecedes($1) }) { all.update(data: digest) }
        return (rows.count, all.finalize().map { String(format: "%02x", $0) }.joined())
    }

    /// A value as both engines' rows spell it: integral numbers alike whatever their storage, JSON with sorted keys.
    static func canonical(_ value: SQLValue, json: Bool) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return "n\(number)"
        case .real(let number):
            if number.rounded() == number, let exact = Int64(exactly: number) { return "n\(exact)" }
            return "n\(number)"
        case .text(let text):
            guard json, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
                let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
            else { return "t" + text }
            return "j" + String(decoding: sorted, as: UTF8.self)
        case .blob(let bytes): return "b" + Data(bytes).base64EncodedString()
        }
    }
}
