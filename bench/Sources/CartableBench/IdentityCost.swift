// IdentityCost: what resolving a logged-in request's session and identity costs, step by step.
import Foundation
import HostDomain
import HostStorage
import Portal

/// The session look-up and the identity load that run before every logged-in request,
/// each timed alone, on the demo directory.
struct IdentityCost {
    let iterations: Int

    func measure(portal: Portal, token: String, into report: inout BenchReport) throws {
        let sessions = portal.sessions
        guard try sessions.find(token: token) != nil else { throw BenchFailure("the bench session was not found") }
        var failed = false
        let emptyRead = nanosecondsPerCall(iterations: iterations) { _ = try? portal.database.read { _ in 0 } }
        let selectOne = nanosecondsPerCall(iterations: iterations) {
            _ = try? portal.database.read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT 1")) }
        }
        let hash = nanosecondsPerCall(iterations: iterations) { _ = SessionStore.hash(token) }
        let find = nanosecondsPerCall(iterations: iterations) { if (try? sessions.find(token: token)) == nil { failed = true } }
        let load = nanosecondsPerCall(iterations: iterations) {
            if (try? sessions.resolve(token: token) { try CallerIdentity.load($1, session: $0) }) == nil { failed = true }
        }
        guard !failed else { throw BenchFailure("a session or identity look-up failed during the bench") }
        report.add("baseline: an empty database read", emptyRead, "ns")
        report.add("baseline: a read of SELECT 1", selectOne, "ns")
        report.add("token hash (SHA-256, hex)", hash, "ns")
        report.add("session look-up (hash, read, checks)", find, "ns")
        report.add("session and identity in one read (user, schools, classes, children, admin)", load, "ns")
    }
}
