// SQLiteScopeReaders: read-only connections to the engine's file, lent to request scopes one at a time and kept open between requests.
import GRDB
import Synchronization

/// GRDB's pool lends a reader only for the length of a closure; a request scope needs one from
/// its first read to its end. These connections are SQLite's own readers of the WAL file:
/// each is used by one scope at a time, so GRDB's queue for it is always free (no wait).
final class SQLiteScopeReaders: Sendable {
    /// Connections kept open when idle; more are opened under load and closed when given back.
    static let keptIdle = 256

    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<[DatabaseQueue]>([])

    init(path: String, configuration base: Configuration) {
        self.path = path
        var configuration = base
        configuration.readonly = true
        // A scope's transaction spans several calls into the connection; the scope always ends it.
        configuration.allowsUnsafeTransactions = true
        configuration.label = "cartable.scope-reader"
        self.configuration = configuration
    }

    func take() throws -> DatabaseQueue {
        if let queue = idle.withLock({ $0.popLast() }) { return queue }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError.internal("cannot open a reader of \(path): \(error)")
        }
    }

    func giveBack(_ queue: DatabaseQueue) {
        idle.withLock { queues in
            if queues.count < Self.keptIdle { queues.append(queue) }
        }
    }
}
