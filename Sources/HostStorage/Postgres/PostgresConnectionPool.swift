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
/// Connections open on first need, up to `size`; a caller beyond that waits its turn. Each
/// connection goes with the statements it keeps prepared.
final class PostgresConnectionPool: Sendable {
    /// A connection and its prepared statements, lent together.
    struct Lease: Sendable {
        let connection: PostgresConnection
        let statements: PostgresPreparedStatements
        let counts: PostgresStatementCounts
    }

    /// What every connection of the pool prepared and sent by text.
    let counts = PostgresStatementCounts()

    let location: PostgresLocation
    let size: Int
    let logger: Logger
    private let idle = Mutex<[Lease]>([])
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
    func lease() throws -> Lease {
        precondition(
            MultiThreadedEventLoopGroup.currentEventLoop == nil, "PostgreSQL storage called on an event loop: use the blocking pool")
        guard slots.wait(timeout: .now() + Self.leaseTimeout) == .success else {
            throw StoreError.internal(
                "all \(size) PostgreSQL connections stayed busy for 30 s: raise --database-pool or find the long transaction")
        }
        while let lease = idle.withLock({ $0.popLast() }) {
            if !lease.connection.isClosed { return lease }
        }
        do {
            let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try location.connectionConfiguration(), id: id,
                logger: logger
            ).wait()
            return Lease(connection: connection, statements: PostgresPreparedStatements(), counts: counts)
        } catch {
            slots.signal()
            throw StoreError.internal("cannot connect to PostgreSQL at \(location.description): \(String(reflecting: error))")
        }
    }

    /// Gives a connection back; one left in an unknown state (a failed rollback) is closed instead.
    func release(_ lease: Lease, reusable: Bool) {
        if reusable, !lease.connection.isClosed {
            idle.withLock { $0.append(lease) }
        } else {
            Self.close(lease.connection)
        }
        slots.signal()
    }

    /// Closes the idle connections (at shutdown).
    func close() {
        let connections = idle.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for lease in connections { Self.close(lease.connection) }
    }

    /// Closes without waiting (a caller may be anywhere, an event loop included); the connection
    /// is kept until its channel is closed, as postgres-nio asks.
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
