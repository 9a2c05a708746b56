// SessionCache: sessions and identities resolved in the last moment, so a page and its assets read the database once.
import HostStorage
import Synchronization

/// Keeps each resolved session with its caller identity for a short time (2 s by default).
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
        /// The token's SHA-256, how other hosts name the session.
        let tokenHash: String
    }

    /// Entries by token, and the tokens by their hash (computed once, when an entry is stored:
    /// a look-up, on every request, hashes nothing).
    private struct Entries {
        var byToken: [String: Entry] = [:]
        var tokenByHash: [String: String] = [:]

        mutating func remove(token: String) {
            if let entry = byToken.removeValue(forKey: token) { tokenByHash[entry.tokenHash] = nil }
        }

        mutating func keep(where isKept: (Entry) -> Bool) {
            byToken = byToken.filter { isKept($0.value) }
            tokenByHash = tokenByHash.filter { byToken[$0.value] != nil }
        }
    }

    package let lifetime: Duration
    /// Past this many entries, expired ones are dropped, and all if that is not enough.
    let capacity: Int
    /// The clock, injectable for tests.
    let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex(Entries())
    /// Where forgetting is published (a bus of its own by default: this cache alone).
    let signals: ChangeSignals

    package init(
        lifetime: Duration = .seconds(2), capacity: Int = 50_000, signals: ChangeSignals = ChangeSignals(),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
        self.signals = signals
        signals.subscribe { [weak self] signal in self?.apply(signal) }
    }

    package func lookup(token: String) -> (SessionStore.Session, CallerIdentity)? {
        let now = self.now()
        return entries.withLock { entries in
            guard let entry = entries.byToken[token] else { return nil }
            guard entry.expires > now else {
                entries.remove(token: token)
                return nil
            }
            return (entry.session, entry.identity)
        }
    }

    package func store(token: String, session: SessionStore.Session, identity: CallerIdentity) {
        guard lifetime > .zero else { return }
        let now = self.now(), tokenHash = SessionStore.hash(token)
        entries.withLock { entries in
            if entries.byToken.count >= capacity {
                entries.keep { $0.expires > now }
                if entries.byToken.count >= capacity { entries = Entries() }
            }
            entries.remove(token: token)
            entries.byToken[token] = Entry(session: session, identity: identity, expires: now + lifetime, tokenHash: tokenHash)
            entries.tokenByHash[tokenHash] = token
        }
    }

    /// Forgets one session (logout, switching school or child), here and on the other hosts.
    package func forget(token: String) {
        signals.publish(.session(tokenHash: SessionStore.hash(token)))
    }

    /// Forgets everything (a role or grant changed: every session's actions may differ).
    package func forgetAll() {
        signals.publish(.allSessions)
    }

    /// Forgets every session of a user (revocation, anonymization, a changed name).
    package func forget(userID: String) {
        signals.publish(.user(userID))
    }

    /// What a signal, this process's or another host's, makes stale.
    private func apply(_ signal: ChangeSignal) {
        switch signal {
        case .session(let hash):
            entries.withLock { entries in
                if let token = entries.tokenByHash[hash] { entries.remove(token: token) }
            }
        case .user(let userID): entries.withLock { $0.keep { $0.session.userID != userID } }
        case .allSessions, .everything: entries.withLock { $0 = Entries() }
        case .modules, .settings: return
        }
    }
}
