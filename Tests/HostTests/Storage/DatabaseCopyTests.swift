// DatabaseCopyTests: an SQLite portal copied into PostgreSQL keeps every row — counts and checksums agree, people log in there, and a second copy is refused.
import Foundation
import HostDomain
@testable import HostStorage
import Testing

@Suite("migrate-data: SQLite into PostgreSQL")
struct DatabaseCopyTests {
    /// The demo directory, a document whose keys PostgreSQL will reorder, and a login (audit and sessions) in a new SQLite portal.
    static func sqlitePortal() throws -> HostDatabase {
        let database = try HostDatabase(directory: try TestPaths.scratch("cartable-copy"))
        let hasher = PasswordHasher(costLog2: 10)
        _ = try DemoSeed(database: database, hasher: hasher).seedIfEmpty()
        _ = try DocumentStore(database: database).put(
            DocumentOwner(plugin: "blogs", scope: "platform"), collection: "posts", id: "p1",
            json: #"{"title":"Sortie","tags":["musée"],"a":{"z":1,"b":2.5}}"#, expectedVersion: 0)
        _ = try Authenticator(database: database, hasher: hasher).login("lea.martin", password: DemoSeed.password, address: "192.0.2.7")
        return database
    }

    @Test func everyTableArrivesWithTheSameRowsAndPeopleLogInThere() async throws {
        let (reports, loggedIn, nextAudit, lastAudit) = try await onBlockingThread {
            let source = try Self.sqlitePortal()
            let target = try HostDatabase(postgres: try TestPostgres.newDatabaseURL(), poolSize: 2)
            defer { target.close() }
            let reports = try DatabaseCopy(from: source, to: target).run()
            let hasher = PasswordHasher(costLog2: 10)
            let loggedIn = try Authenticator(database: target, hasher: hasher).login(
                "lea.martin", password: DemoSeed.password, address: "192.0.2.8")
            let last = try source.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM audit_log") } ?? 0
            let next = try target.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM audit_log") } ?? 0
            return (reports, loggedIn, next, last)
        }
        #expect(reports.count > 30, "every host table: \(reports.map(\.table))")
        #expect(reports.allSatisfy { $0.matches }, "differs: \(reports.filter { !$0.matches }.map(\.table))")
        #expect(reports.first { $0.table == "users" }?.targetRows ?? 0 >= 10)
        #expect(reports.first { $0.table == "documents" }?.targetRows == 1)
        #expect(!loggedIn.isEmpty, "a copied account logs in on PostgreSQL")
        #expect(nextAudit > lastAudit, "new audit entries continue after the copied ids")
        let parents = try #require(reports.firstIndex { $0.table == "users" })
        let children = try #require(reports.firstIndex { $0.table == "user_schools" })
        #expect(parents < children, "a table comes after those it references")
    }

    @Test func aTargetThatHoldsAPortalIsRefusedAndKeepsItsRows() async throws {
        let (refusal, before, after) = try await onBlockingThread { () -> (StoreError?, Int, Int) in
            let source = try Self.sqlitePortal()
            let target = try HostDatabase(postgres: try TestPostgres.newDatabaseURL(), poolSize: 2)
            defer { target.close() }
            _ = try DatabaseCopy(from: source, to: target).run()
            let before = try target.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM users") } ?? 0
            var refusal: StoreError?
            do { _ = try DatabaseCopy(from: source, to: target).run() } catch let error as StoreError { refusal = error }
            let after = try target.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM users") } ?? 0
            return (refusal, before, after)
        }
        #expect(refusal?.kind == .conflict && refusal?.message.contains("empty database") == true)
        #expect(before == after && before > 0, "nothing already there is lost")
    }

    @Test func theChecksumSeesOneChangedValueButNotTheEnginesSpelling() async throws {
        let (first, again, changed) = try await onBlockingThread {
            let database = try Self.sqlitePortal()
            let first = try DatabaseCopy.checksum("users", database).1
            let again = try DatabaseCopy.checksum("users", database).1
            _ = try database.write { try $0.execute(sql: "UPDATE users SET display_name = 'Léa M.' WHERE login = 'lea.martin'") }
            return (first, again, try DatabaseCopy.checksum("users", database).1)
        }
        #expect(first == again, "the same rows, the same checksum")
        #expect(first != changed, "one changed value changes it")
        #expect(
            DatabaseCopy.canonical(.text(#"{"b":2.5,"a":1}"#), json: true)
                == DatabaseCopy.canonical(.text(#"{"a": 1, "b": 2.5}"#), json: true))
        #expect(DatabaseCopy.canonical(.real(1_800_000_000), json: false) == DatabaseCopy.canonical(.integer(1_800_000_000), json: false))
    }
}
