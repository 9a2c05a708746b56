// SessionCache: sessions and identities resolved in the last moment, so a page and its assets read the database once.
import HostStorage
import Synchronization

/// Keeps each resolved session with its caller identity for a short time (2 s by default),
/// by the SHA-256 of its token.
///
/// A page pulls its styles, scripts and pictures right after the HTML, each with the same
/// cookie: they reuse the first resolution. Whatever a host changes (logout, switching
/// school or child, revocation, anonymization, a profile edit) is published as a
/// ``ChangeSignal``: this process forgets the entries at once, and on PostgreSQL every other
/// host within moments; a change made without a signal (the command line) is seen after at
/// most ``lifetime``.
package final class SessionCache: Sendable {
    private struct Entry {
        let session: SessionStore.Session
        let identity: CallerIdentity
        let expires: ContinuousClock.Instant
    }

    package let lifetime: Duration
    /// Past this many entries, expired ones are dropped, and all if that is not enough.
    let capacity: Int
    /// The clock, injectable for tests.
    let now: @Sendable () -> ContinuousClock.Instant
    /// Entries by token hash.
    private let entries = Mutex<[String: Entry]>([:])
    /// Where forgetting is published; nil: this cache alone (tests).
    let signals: ChangeSignals?

    package init(
        lifetime: Duration = .seconds(2), capacity: Int = 50_000, signals: ChangeSignals? = nil,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
        self.signals = signals
        signals?.subscribe { [weak self] signal in self?.apply(signal) }
    }

    package func lookup(token: String) -> (SessionStore.Session, CallerIdentity)? {
        let now = self.now(), key = SessionStore.hash(token)
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return (entry.session, entry.identity)
        }
    }

    package func store(token: String, session: SessionStore.Session, identity: CallerIdentity) {
        guard lifetime > .zero else { return }
        let now = self.now()
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[SessionStore.hash(token)] = Entry(session: session, identity: identity, expires: now + lifetime)
        }
    }

    /// Forgets one session (logout, switching school or child), here and on the other hosts.
    package func forget(token: String) {
        publish(.session(tokenHash: SessionStore.hash(token)))
    }

    /// Forgets everything (a role or grant changed: every session's actions may differ).
    package func forgetAll() {
        publish(.allSessions)
    }

    /// Forgets every session of a user (revocation, anonymization, a changed name).
    package func forget(userID: String) {
        publish(.user(userID))
    }

    private func publish(_ signal: ChangeSignal) {
        if let signals { signals.publish(signal) } else { apply(signal) }
    }

    /// What a signal, this process's or another host's, makes stale.
    private func apply(_ signal: ChangeSignal) {
        switch signal {
        case .session(let hash): _ = entries.withLock { $0.removeValue(forKey: hash) }
        case .user(let userID): entries.withLock { entries in entries = entries.filter { $0.value.session.userID != userID } }
        case .allSessions, .everything: entries.withLock { $0.removeAll() }
        case .modules, .settings: return
        }
    }
}
