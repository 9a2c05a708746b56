// RequestScope: the reads of one plugin request on one connection, in one snapshot begun at the first read and ended by a write or when the request returns.
import Foundation

/// A plugin request runs synchronously on one thread, and its host calls come back on that
/// thread: the scope is found through a thread-local slot, so no storage needs to be told.
///
/// Every ``HostDatabase/read(_:)`` and ``HostDatabase/readStatement(_:)`` of the thread then
/// runs on the scope's connection, inside one read transaction begun at the first of them (one
/// snapshot, no BEGIN and COMMIT per call, no connection taken from the pool per call). A write
/// ends the snapshot first (so the request reads what it wrote, and on PostgreSQL holds one
/// connection at a time); a read that fails ends it too (PostgreSQL aborts a failed transaction).
final class RequestScope {
    /// What an engine lends a scope at its first read: one connection, held until the snapshot ends.
    protocol Connection: AnyObject {
        /// Begins the snapshot (PostgreSQL pipelines it with the first statement).
        func begin() throws
        /// Runs `body` on the held connection.
        func run<T>(_ body: (any SQLSession) throws -> T) throws -> T
        /// Ends the snapshot (`failed`: a statement failed in it) and gives the connection back.
        func end(failed: Bool)
    }

    let owner: ObjectIdentifier
    /// Takes a connection for the next snapshot.
    private let lend: () throws -> any Connection
    private var connection: (any Connection)?
    private let previous: RequestScope?

    private init(owner: ObjectIdentifier, lend: @escaping () throws -> any Connection, previous: RequestScope?) {
        self.owner = owner
        self.lend = lend
        self.previous = previous
    }

    /// Runs `body` with a scope for the database `owner` on this thread; a scope already open for
    /// it (a plugin calling back into another) is kept.
    static func run<T>(owner: ObjectIdentifier, lend: @escaping () throws -> any Connection, _ body: () -> T) -> T {
        let current = ThreadSlot.current
        if current?.find(owner) != nil { return body() }
        let scope = RequestScope(owner: owner, lend: lend, previous: current)
        ThreadSlot.current = scope
        defer {
            scope.endSnapshot(failed: false)
            ThreadSlot.current = current
        }
        return body()
    }

    /// The scope of `owner` open on this thread, if any.
    static func current(for owner: ObjectIdentifier) -> RequestScope? {
        ThreadSlot.current?.find(owner)
    }

    private func find(_ owner: ObjectIdentifier) -> RequestScope? {
        var scope: RequestScope? = self
        while let candidate = scope {
            if candidate.owner == owner { return candidate }
            scope = candidate.previous
        }
        return nil
    }

    /// Runs `body` in the scope's snapshot, begun now if it is not yet.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        let held: any Connection
        if let connection {
            held = connection
        } else {
            held = try lend()
            do {
                try held.begin()
            } catch {
                held.end(failed: true)
                throw error
            }
            connection = held
        }
        do {
            return try held.run(body)
        } catch {
            endSnapshot(failed: true)
            throw error
        }
    }

    /// Ends the snapshot (before a write, after a failure, at the end of the request); the next read begins another.
    func endSnapshot(failed: Bool) {
        guard let connection else { return }
        self.connection = nil
        connection.end(failed: failed)
    }
}

/// The innermost scope of the calling thread.
private enum ThreadSlot {
    nonisolated(unsafe) static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var current: RequestScope? {
        get {
            guard let pointer = pthread_getspecific(key) else { return nil }
            return Unmanaged<RequestScope>.fromOpaque(pointer).takeUnretainedValue()
        }
        set {
            let old = pthread_getspecific(key)
            pthread_setspecific(key, newValue.map { Unmanaged.passRetained($0).toOpaque() })
            if let old { Unmanaged<RequestScope>.fromOpaque(old).release() }
        }
    }
}
