// ChangeSignals: what one host changed that other hosts keep in memory — published to this process's caches and, on PostgreSQL, to every host.
import Foundation
import Synchronization

/// A change that makes some in-memory copy stale.
package enum ChangeSignal: Sendable, Equatable {
    /// One session ended or moved (its token's SHA-256): logout, switching school or child.
    case session(tokenHash: String)
    /// Every session of a user: revocation, anonymization, a changed name or password.
    case user(String)
    /// Every session's actions may differ: roles, grants, groups, an import.
    case allSessions
    /// Which plugins schools have enabled, and their versions.
    case modules
    /// An authority's settings of a plugin.
    case settings(plugin: String, authority: String)
    /// Whatever this process may have missed (its listening connection was down).
    case everything

    /// The signal as NOTIFY's payload (`kind` then fields, tab-separated; ids never hold tabs).
    var payload: String {
        switch self {
        case .session(let hash): "session\t\(hash)"
        case .user(let id): "user\t\(id)"
        case .allSessions: "all-sessions"
        case .modules: "modules"
        case .settings(let plugin, let authority): "settings\t\(plugin)\t\(authority)"
        case .everything: "everything"
        }
    }

    init?(payload: Substring) {
        let fields = payload.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        switch (fields.first, fields.count) {
        case ("session", 2): self = .session(tokenHash: fields[1])
        case ("user", 2): self = .user(fields[1])
        case ("all-sessions", 1): self = .allSessions
        case ("modules", 1): self = .modules
        case ("settings", 3): self = .settings(plugin: fields[1], authority: fields[2])
        case ("everything", 1): self = .everything
        default: return nil
        }
    }
}

/// The caches of this process subscribe; whoever changes something publishes. On SQLite (one
/// process) that is all; on PostgreSQL, a ``ChangeRelay`` also sends each signal to the other
/// hosts and hands theirs to ``receive(_:)``.
package final class ChangeSignals: Sendable {
    private let handlers = Mutex<[@Sendable (ChangeSignal) -> Void]>([])
    private let relay = Mutex<(any ChangeRelay)?>(nil)

    package init() {}

    /// Calls `handler` for every signal, this process's and other hosts'.
    package func subscribe(_ handler: @escaping @Sendable (ChangeSignal) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    /// Tells this process's caches at once, and the other hosts through the relay.
    package func publish(_ signal: ChangeSignal) {
        receive(signal)
        relay.withLock { $0 }?.send(signal)
    }

    /// A signal from another host (or ``ChangeSignal/everything`` after a reconnection).
    package func receive(_ signal: ChangeSignal) {
        for handler in handlers.withLock({ $0 }) { handler(signal) }
    }

    /// Sends this process's signals to other hosts from now on.
    package func relay(through relay: any ChangeRelay) {
        self.relay.withLock { $0 = relay }
    }
}

/// Carries signals between hosts.
package protocol ChangeRelay: Sendable {
    /// Sends without waiting (callers may be on an event loop).
    func send(_ signal: ChangeSignal)
}
