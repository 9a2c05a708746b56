// PostgresChangeRelay: signals between hosts over PostgreSQL's LISTEN/NOTIFY, on one connection of its own that reconnects when lost.
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Each host listens on ``channel``; a host's signal is a NOTIFY whose payload starts with the
/// host's own id, so that it skips its own. When the connection drops, the host reconnects
/// (every second) and, having possibly missed signals meanwhile, drops every cache once.
package final class PostgresChangeRelay: ChangeRelay {
    static let channel = "cartable_changes"
    let location: PostgresLocation
    let logger: Logger
    let signals: ChangeSignals
    /// This process's id in the payloads.
    let origin = UUID().uuidString
    private struct State {
        var connection: PostgresConnection?
        /// Signals published while disconnected, sent once connected again.
        var queued: [ChangeSignal] = []
        var task: Task<Void, Never>?
    }
    private let state = Mutex(State())

    init(location: PostgresLocation, signals: ChangeSignals, logger: Logger) {
        self.location = location
        self.signals = signals
        self.logger = logger
    }

    /// Starts listening (and reconnecting) until ``stop()``.
    func start() {
        let task = Task.detached { [self] in await self.listen() }
        state.withLock { $0.task = task }
    }

    func stop() {
        let (task, connection) = state.withLock { state in
            defer { state.task = nil; state.connection = nil }
            return (state.task, state.connection)
        }
        task?.cancel()
        if let connection { PostgresConnectionPool.close(connection) }
    }

    package func send(_ signal: ChangeSignal) {
        guard
            let connection = state.withLock({ state -> PostgresConnection? in
                if state.connection == nil { state.queued.append(signal) }
                return state.connection
            })
        else { return }
        notify(connection, signal)
    }

    private func notify(_ connection: PostgresConnection, _ signal: ChangeSignal) {
        let payload = "\(origin)\t\(signal.payload)"
        connection.query("SELECT pg_notify(\(Self.channel), \(payload))", logger: logger).whenFailure { [logger] error in
            logger.warning("could not tell the other hosts about a change: \(String(reflecting: error))")
        }
    }

    private func listen() async {
        var connectedBefore = false
        while !Task.isCancelled {
            var opened: PostgresConnection?
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try location.connectionConfiguration(), id: 0,
                    logger: logger
                ).get()
                opened = connection
                let notifications = try await connection.listen(Self.channel)
                let queued = state.withLock { state in
                    defer { state.queued = [] }
                    state.connection = connection
                    return state.queued
                }
                for signal in queued { notify(connection, signal) }
                // Whatever other hosts changed while this one was not listening.
                if connectedBefore { signals.receive(.everything) }
                connectedBefore = true
                for try await notification in notifications {
                    let payload = notification.payload
                    guard let tab = payload.firstIndex(of: "\t"), payload[..<tab] != origin,
                        let signal = ChangeSignal(payload: payload[payload.index(after: tab)...])
                    else { continue }
                    signals.receive(signal)
                }
            } catch  where !Task.isCancelled {
                logger.warning("listening to the other hosts' changes failed, retrying in a second: \(String(reflecting: error))")
            } catch {}
            state.withLock { $0.connection = nil }
            // Closed here, whatever ended the loop: postgres-nio wants every connection closed before it goes.
            try? await opened?.close()
            if Task.isCancelled { break }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
