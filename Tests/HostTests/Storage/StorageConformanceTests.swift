// StorageConformanceTests: each storage protocol behaves the same on SQLite and on PostgreSQL (a real throw-away cluster).
import Foundation
import HostStorage
import Testing

@Suite("Storage on both engines")
struct StorageConformanceTests {
    enum Engine: String, CaseIterable, CustomStringConvertible {
        case sqlite, postgres
        var description: String { rawValue }
    }

    /// Runs `body` on a thread that may block (the storage protocols are synchronous, as on the host's blocking pool).
    static func onBlockingThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// The storage protocols under test, of one engine's database.
    struct Storages: Sendable {
        let loginFailures: any LoginFailuresStorage
        let auditTrail: any AuditReadStorage
    }

    /// A migrated, empty database of `engine`, its storages given to `body` on a thread that may block.
    static func withStorages<T: Sendable>(_ engine: Engine, _ body: @escaping @Sendable (Storages) throws -> T) async throws -> T {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-conformance-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try SQLiteDatabase(directory: folder)
            return try await onBlockingThread { try body(Storages(loginFailures: database.loginFailures, auditTrail: database.auditTrail)) }
        case .postgres:
            return try await TestPostgres.withDatabase { postgres in
                try await postgres.migrate()
                return try await onBlockingThread {
                    try body(Storages(loginFailures: postgres.loginFailures, auditTrail: postgres.auditTrail))
                }
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func loginFailuresAreCountedPerKindAndKeyOverAWindow(engine: Engine) async throws {
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

    @Test(arguments: Engine.allCases)
    func theAuditLogPagesNewestFirstBySchoolActionAndCursor(engine: Engine) async throws {
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
}
