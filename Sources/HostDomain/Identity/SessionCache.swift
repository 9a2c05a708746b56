// SessionCache: sessions and identities resolved in the last moment, so a page and its assets read the database once.
import HostStorage
import Synchronization

/// Keeps each resolved session with its caller identity for a short time (2 s by default).
///
/// A page pulls its styles, scripts and pictures right after the HTML, each with the same
/// cookie: they reuse the first resolution. Whatever this process changes (logout,
/// switching school or child, revocation, anonymization, a profile edit) forgets the
/// entries at once; a change made by another process (a second host, the command line)
/// is seen after at most ``lifetime``.
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
    private let entries = Mutex<[String: Entry]>([:])

    package init(
        lifetime: Duration = .seconds(2), capacity: Int = 50_000,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    package func lookup(token: String) -> (SessionStore.Session, CallerIdentity)? {
        let now = self.now()
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.expires > now else {
                entries[token] = nil
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
            entries[token] = Entry(session: session, identity: identity, expires: now + lifetime)
        }
    }

    /// Forgets one session (logout, switching school or child).
    package func forget(token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }

    /// Forgets everything (a role or grant changed: every session's actions may differ).
    package func forgetAll() {
        entries.withLock { $0.removeAll() }
    }

    /// Forgets every session of a user (revocation, anonymization, a changed name).
    package func forget(userID: String) {
        entries.withLock { entries in entries = entries.filter { $0.value.session.userID != userID } }
    }
}
