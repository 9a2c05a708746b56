// PostgresSchemaTests: the one list of migrations builds the same tables, columns and indexes on PostgreSQL as on SQLite.
import Foundation
import HostStorage
import Testing

@Suite("PostgreSQL: the same schema from the same migrations")
struct PostgresSchemaTests {
    /// `table.column` and `index:name` of SQLite's schema, the migrations' own bookkeeping and the
    /// indexes behind PRIMARY KEY and UNIQUE constraints (named by each engine its own way) left out.
    static func sqliteSchema() throws -> Set<String> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try HostDatabase(directory: folder)
        return try database.read { db in
            var schema = Set<String>()
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
            for table in tables {
                for column in try SQLRow.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")") {
                    schema.insert("\(table).\(column["name"] as String)")
                }
            }
            for index in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")
            {
                schema.insert("index:\(index)")
            }
            return schema
        }
    }

    @Test func migrationsBuildTheSameSchemaOnBothEngines() async throws {
        let expected = try Self.sqliteSchema()
        let (found, applied, bodyType, again) = try await TestPostgres.withDatabase(migrate: false) { postgres in
            let applied = try postgres.migrate()
            return try postgres.read { db in
                var schema = Set<String>()
                for row in try SQLRow.fetchAll(
                    db,
                    sql: """
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name != 'schema_migrations'
                        """)
                {
                    schema.insert("\(row["table_name"] as String).\(row["column_name"] as String)")
                }
                for index in try String.fetchAll(
                    db,
                    sql: """
                        SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
                            AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
                        """)
                {
                    schema.insert("index:\(index)")
                }
                let bodyType = try String.fetchOne(
                    db,
                    sql:
                        "SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'documents' AND column_name = 'body'"
                )
                // A second start applies nothing.
                return (schema, applied, bodyType ?? "", try postgres.migrate())
            }
        }
        #expect(applied.count == 23 && applied.first == "0001-documents" && applied.last == "0023-account-links")
        #expect(again.isEmpty)
        #expect(bodyType == "jsonb", "documents are jsonb on PostgreSQL")
        #expect(expected.subtracting(found).sorted() == [], "missing on PostgreSQL")
        #expect(found.subtracting(expected).sorted() == [], "only on PostgreSQL")
    }

    @Test func theDatabaseURLSaysWhatToWrite() throws {
        let socket = try PostgresLocation(url: "postgres://cartable@/ent?host=/run/postgresql")
        #expect(socket.socketFolder == "/run/postgresql" && socket.database == "ent" && socket.host == nil)
        let tcp = try PostgresLocation(url: "postgresql://cartable:secret@db.region.example:6432/ent")
        #expect(tcp.host == "db.region.example" && tcp.port == 6432 && tcp.password == "secret")
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres://db.region.example/ent") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres://cartable@db.region.example") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "mysql://cartable@db/ent") }
    }
}
