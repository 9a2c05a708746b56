// PostgreSQLDatabase+Blocking: the storage protocols are synchronous (called on the host's blocking pool); this runs their PostgreSQL work and waits.
import Foundation
import NIOPosix
import PostgresNIO
import Synchronization

extension PostgreSQLDatabase {
    /// Runs `work` on the pool's connections and waits for it. Call it from a thread that may
    /// block (the host's ``BlockingWorkPool``, a test's own queue), never from an event loop:
    /// the connections' own event loops answer it.
    package func blocking<T: Sendable>(_ work: @escaping @Sendable (PostgresClient) async throws -> T) throws -> T {
        precondition(
            MultiThreadedEventLoopGroup.currentEventLoop == nil, "PostgreSQL storage called on an event loop: use the blocking pool")
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let client = self.client
        Task.detached {
            let result: Result<T, any Error>
            do { result = .success(try await work(client)) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0 }.map { try $0.get() }
            ?? { throw StoreError.internal("the PostgreSQL call ended without an answer") }()
    }
}
