// SessionCacheTests: resolved sessions are reused for a moment, forgotten on change, and bounded in number.
import Foundation
import HostDomain
import HostStorage
import Synchronization
import Testing

@Suite("Session cache")
struct SessionCacheTests {
    static func entry(_ user: String) -> (SessionStore.Session, CallerIdentity) {
        let session = SessionStore.Session(userID: user, schoolID: nil, csrfToken: "c", createdAt: Date())
        let identity = CallerIdentity(
            userID: user, displayName: user, profile: .student, school: nil, schools: [], classes: [], children: [], childInView: nil,
            isAdmin: false)
        return (session, identity)
    }

    @Test func reusesForALifetimeThenReadsAgain() {
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        let cache = SessionCache(lifetime: .milliseconds(200), now: { start + elapsed.withLock { $0 } })
        let (session, identity) = Self.entry("u1")
        cache.store(token: "t1", session: session, identity: identity)
        #expect(cache.lookup(token: "t1")?.1 == identity)
        #expect(cache.lookup(token: "other") == nil)
        elapsed.withLock { $0 = .milliseconds(199) }
        #expect(cache.lookup(token: "t1")?.1 == identity, "still within its lifetime")
        elapsed.withLock { $0 = .milliseconds(201) }
        #expect(cache.lookup(token: "t1") == nil, "past its lifetime an entry is read again from the database")
    }

    @Test func forgetsATokenOrEverySessionOfAUser() {
        let cache = SessionCache()
        for (token, user) in [("a", "u1"), ("b", "u1"), ("c", "u2")] {
            let (session, identity) = Self.entry(user)
            cache.store(token: token, session: session, identity: identity)
        }
        cache.forget(token: "c")
        #expect(cache.lookup(token: "c") == nil)
        cache.forget(userID: "u1")
        #expect(cache.lookup(token: "a") == nil && cache.lookup(token: "b") == nil)
    }

    @Test func staysWithinItsCapacityAndCanBeTurnedOff() {
        let cache = SessionCache(capacity: 10)
        for index in 0..<25 {
            let (session, identity) = Self.entry("u\(index)")
            cache.store(token: "t\(index)", session: session, identity: identity)
        }
        let kept = (0..<25).filter { cache.lookup(token: "t\($0)") != nil }.count
        #expect(kept <= 10)
        #expect(cache.lookup(token: "t24") != nil, "the newest entry is kept")
        let off = SessionCache(lifetime: .zero)
        let (session, identity) = Self.entry("u")
        off.store(token: "t", session: session, identity: identity)
        #expect(off.lookup(token: "t") == nil)
    }
}
