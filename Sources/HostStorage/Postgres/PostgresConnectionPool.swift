// PostgresConnectionPool: a fixed number of PostgreSQL connections that the host's synchronous storages lease, one transaction at a time.
import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The storages are synchronous (they run on the host's blocking pool, never on an event
/// loop), so a transaction leases one connection, waits on its futures, and gives it back.
/// Connections open on first need, up to `size`; a caller beyond that waits its turn.
final class PostgresConnectionPool: Sendable {
    let location: PostgresLocation
    let size: Int
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(1)
    /// How long a caller waits for a free connection before the call fails.
    static let leaseTimeout: DispatchTimeInterval = .seconds(30)

    init(location: PostgresLocation, size: Int, logger: Logger) {
        self.location = location
        self.size = max(1, size)
        self.logger = logger
        slots = DispatchSemaphore(value: max(1, size))
    }

    /// A connection for the caller alone until ``release(_:reusable:)``.
    func lease() throws -> PostgresConnection {
        precondition(
            MultiThreadedEventLoopGroup.currentEventLoop == nil, "PostgreSQL storage called on an event loop: use the blocking pool")
        guard slots.wait(timeout: .now() + Self.leaseTimeout) == .success else {
            throw StoreError.internal(
                "all \(size) PostgreSQL connections stayed busy for 30 s: raise --database-pool or find the long transaction")
        }
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        do {
            let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try location.connectionConfiguration(), id: id,
                logger: logger
            ).wait()
        } catch {
            slots.signal()
            throw StoreError.internal("cannot connect to PostgreSQL at \(location.description): \(String(reflecting: error))")
        }
    }

    /// Gives a connection back; one left in an unknown state (a failed rollback) is closed instead.
    func release(_ connection: PostgresConnection, reusable: Bool) {
        if reusable, !connection.isClosed {
            idle.withLock { $0.append(connection) }
        } else {
            Self.close(connection)
        }
        slots.signal()
    }

    /// Closes the idle connections (at shutdown).
    func close() {
        let connections = idle.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for connection in connections { Self.close(connection) }
    }

    /// Closes without waiting (a caller may be anywhere, an event loop included); the connection
    /// is kept until its channel is closed, as postgres-nio asks.
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
