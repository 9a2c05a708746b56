// SessionStoreTests: sessions open, rotate, expire (idle and absolute), and are revoked, on a test clock.
import Foundation
import HostDomain
import HostStorage
import Synchronization
import Testing

@Suite("Sessions")
struct SessionStoreTests {
    let fixture: ImportFixture
    let clock = AuthenticatorTests.TestClock()
    let sessions: SessionStore
    let userID: String

    init() throws {
        fixture = try ImportFixture()
        _ = try fixture.run(UserImportTests.school)
        let clock = self.clock
        sessions = SessionStore(database: fixture.database, now: { clock.now })
        let id = try #require(try fixture.value("SELECT id FROM users WHERE login = 'eloise.dupre'"))
        try fixture.database.write { db in try db.execute(sql: "UPDATE users SET state = 'active' WHERE id = ?", arguments: [id]) }
        userID = id
    }

    @Test func opensAndFindsASessionWithItsOwnCSRFToken() throws {
        let (token, session) = try sessions.open(userID: userID, schoolID: nil, address: "10.0.0.1")
        #expect(token.count == 43)
        #expect(try sessions.find(token: token) == session)
        #expect(session.csrfToken.count == 43 && session.csrfToken != token)
        #expect(try sessions.find(token: String(token.reversed())) == nil)
        #expect(try fixture.count("SELECT count(*) FROM sessions WHERE token_hash = ?", [token]) == 0, "only the hash is stored")
    }

    @Test func loginRotatesTheToken() throws {
        let (before, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        let (after, _) = try sessions.open(userID: userID, schoolID: nil, address: nil, replacing: before)
        #expect(after != before)
        #expect(try sessions.find(token: before) == nil)
        #expect(try sessions.find(token: after) != nil)
    }

    @Test func idleAndAbsoluteTimeouts() throws {
        let (token, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        // Active every 90 minutes: survives the 2-hour idle limit, until the 12-hour absolute one.
        for _ in 0..<7 {
            clock.advance(90 * 60)
            #expect(try sessions.find(token: token) != nil)
        }
        clock.advance(90 * 60)
        #expect(try sessions.find(token: token) == nil, "older than 12 hours")

        let (idle, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        clock.advance(2 * 3600 + 1)
        #expect(try sessions.find(token: idle) == nil, "idle for more than 2 hours")
    }

    @Test func logoutAdminRevocationAndBlockedAccounts() throws {
        let (first, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        let (second, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        let (third, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        try sessions.revoke(token: first)
        #expect(try sessions.find(token: first) == nil)
        #expect(try sessions.revokeAll(userID: userID) == 2)
        #expect(try sessions.find(token: second) == nil)
        #expect(try sessions.find(token: third) == nil)

        let (fourth, _) = try sessions.open(userID: userID, schoolID: nil, address: nil)
        try fixture.database.write { db in try db.execute(sql: "UPDATE users SET state = 'blocked' WHERE id = ?", arguments: [userID])
        }
        #expect(try sessions.find(token: fourth) == nil, "a blocked account's sessions stop working")
    }
}
