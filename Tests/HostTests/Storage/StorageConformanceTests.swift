// StorageConformanceTests: each storage protocol behaves the same on SQLite and on PostgreSQL (a real throw-away cluster).
import Foundation
import HostStorage
import Testing

@Suite("Storage on both engines")
struct StorageConformanceTests {
    /// A migrated, empty database of `engine`, given to `body` on a thread that may block.
    static func withStorages<T: Sendable>(_ engine: TestEngine, _ body: @escaping @Sendable (HostDatabase) throws -> T) async throws -> T {
        try await engine.withDatabase(body)
    }

    @Test(arguments: TestEngine.allCases)
    func loginFailuresAreCountedPerKindAndKeyOverAWindow(engine: TestEngine) async throws {
        let (recent, all, other) = try await Self.withStorages(engine) { storages in
            let storage = storages.loginFailures
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for offset in [0.0, 30, 60] {
                try storage.recordFailures([("account", "lea.martin"), ("address", "192.0.2.0/24")], at: start.addingTimeInterval(offset))
            }
            try storage.recordFailures([("account", "hugo.martin")], at: start.addingTimeInterval(90))
            return (
                try storage.failureTimes(kind: "account", key: "lea.martin", since: start.timeIntervalSince1970 + 10),
                try storage.failureTimes(kind: "address", key: "192.0.2.0/24", since: 0),
                try storage.failureTimes(kind: "account", key: "personne", since: 0)
            )
        }
        #expect(recent == [1_800_000_030, 1_800_000_060], "\(engine): after the window's start, oldest first")
        #expect(all.count == 3)
        #expect(other.isEmpty)
    }

    @Test(arguments: TestEngine.allCases)
    func theAuditLogPagesNewestFirstBySchoolActionAndCursor(engine: TestEngine) async throws {
        let pages = try await Self.withStorages(engine) { storages -> [[AuditRecord]] in
            let trail = storages.auditTrail
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for (index, entry) in [
                ("login", "school-a"), ("import", "school-a"), ("login", "school-b"), ("authority.create", nil),
            ].enumerated() {
                try trail.record(
                    AuditEntry(
                        at: start.addingTimeInterval(Double(index)), action: entry.0, actor: "user-\(index)", target: "typed «\(index)»",
                        detail: index == 1 ? "3 comptes" : nil, address: "192.0.2.\(index)", school: entry.1))
            }
            let all = try trail.page(schoolIDs: nil, before: nil, action: nil, limit: 10)
            return [
                all, try trail.page(schoolIDs: ["school-a"], before: nil, action: nil, limit: 10),
                try trail.page(schoolIDs: nil, before: all[1].id, action: nil, limit: 10),
                try trail.page(schoolIDs: nil, before: nil, action: "login", limit: 1),
                try trail.page(schoolIDs: [], before: nil, action: nil, limit: 10),
            ]
        }
        let (all, schoolA, older, lastLogin, nothing) = (pages[0], pages[1], pages[2], pages[3], pages[4])
        #expect(all.map(\.action) == ["authority.create", "login", "import", "login"], "\(engine): newest first")
        #expect(all.last?.actor == "user-0" && all.last?.target == "typed «0»" && all.last?.address == "192.0.2.0")
        #expect(all[2].detail == "3 comptes" && all[0].detail == nil)
        #expect(all.last?.at == "2027-01-15T08:00:00Z")
        #expect(schoolA.map(\.action) == ["import", "login"])
        #expect(older.map(\.action) == ["import", "login"], "before a cursor")
        #expect(lastLogin.map(\.actor) == ["user-2"])
        #expect(nothing.isEmpty)
    }

    @Test(arguments: TestEngine.allCases)
    func aFailingWriteSentWithoutWaitingFailsItsTransactionAndNamesItself(engine: TestEngine) async throws {
        let (message, kept) = try await Self.withStorages(engine) { database -> (String, Int) in
            var message = ""
            do {
                try database.write { db in
                    let insert = try db.cachedStatement(sql: "INSERT INTO login_failures (kind, key, at) VALUES (?, ?, ?)")
                    try insert.executeLater(arguments: ["account", "lea.martin", 1.0])
                    // NOT NULL refused: on PostgreSQL the failure arrives with the next statement that waits.
                    try insert.executeLater(arguments: ["account", nil, 2.0])
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM login_failures")
                }
            } catch {
                message = String(describing: error)
            }
            return (message, try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM login_failures") } ?? -1)
        }
        #expect(message.contains("login_failures"), "\(engine): the error names the statement or its table: \(message)")
        #expect(kept == 0, "\(engine): the whole transaction is rolled back, the first insert too")
    }
}
