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

    /// A migrated, empty database of `engine`, given to `body` as its login failures storage.
    static func withLoginFailures<T: Sendable>(
        _ engine: Engine, _ body: @escaping @Sendable (any LoginFailuresStorage) throws -> T
    ) async throws -> T {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-conformance-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try SQLiteDatabase(directory: folder)
            return try await onBlockingThread { try body(database.loginFailures) }
        case .postgres:
            return try await TestPostgres.withDatabase { postgres in
                try await postgres.migrate()
                return try await onBlockingThread { try body(postgres.loginFailures) }
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func loginFailuresAreCountedPerKindAndKeyOverAWindow(engine: Engine) async throws {
        let (recent, all, other) = try await Self.withLoginFailures(engine) { storage in
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
}
