// AuthenticatorTests: activation with the password policy, login, wrong passwords, throttling with a test clock, audit.
import Foundation
import HostDomain
import HostStorage
import Synchronization
import Testing

@Suite("Authenticator")
struct AuthenticatorTests {
    final class TestClock: Sendable {
        private let current = Mutex(Date())
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    let fixture: ImportFixture
    let clock = TestClock()
    let auth: Authenticator

    init() throws {
        fixture = try ImportFixture()
        _ = try fixture.run(UserImportTests.school)
        let clock = self.clock
        auth = Authenticator(database: fixture.database, hasher: PasswordHasher(costLog2: 10), now: { clock.now })
    }

    func code(_ login: String) throws -> String {
        try #require(try fixture.value("SELECT activation_code FROM users WHERE login = ?", [login]))
    }

    @Test func hashesVerifyAndCarryTheirCost() throws {
        let hasher = PasswordHasher(costLog2: 10)
        let hash = try hasher.hash("Correct horse 42")
        #expect(hash.hasPrefix("scrypt$1024$8$1$"))
        #expect(hasher.verify("Correct horse 42", against: hash))
        #expect(!hasher.verify("correct horse 42", against: hash))
        #expect(PasswordHasher(costLog2: 12).verify("Correct horse 42", against: hash), "a hash keeps working after the cost changes")
        #expect(!hasher.verify("x", against: "not a hash"))
        #expect(try hasher.hash("same") != hasher.hash("same"), "salted")
    }

    @Test(
        arguments: [
            ("court1!", "password.too_short"),
            ("toutenminuscule", "password.too_simple"),
            ("Eloise-2012!", "password.contains_name"),
            ("Mon-DUPRE-2024", "password.contains_name"),
            ("Mot2passe-Solide", nil),
            ("une phrase de passe assez longue", nil),
        ] as [(String, String?)])
    func policyRules(password: String, violation: String?) {
        #expect(PasswordPolicy.violation(password, login: "eloise.dupre", firstName: "Éloïse", lastName: "Dupré") == violation)
    }

    @Test func activationThenLogin() throws {
        // Not activated yet answers like a wrong password: the message tells nobody which logins exist.
        #expect(throws: Authenticator.Refusal(key: "auth.invalid", retryAfter: nil)) {
            try auth.login("eloise.dupre", password: "anything", address: "10.0.0.1")
        }
        let code = try code("eloise.dupre")
        #expect(throws: Authenticator.Refusal(key: "password.too_simple", retryAfter: nil)) {
            try auth.activate("eloise.dupre", code: code, password: "toutenminuscule", address: "10.0.0.1")
        }
        let id = try auth.activate("Eloise.Dupre", code: code.lowercased(), password: "Mot2passe-Solide", address: "10.0.0.1")
        #expect(try fixture.value("SELECT state FROM users WHERE id = ?", [id]) == "active")
        #expect(try fixture.value("SELECT activation_code FROM users WHERE id = ?", [id]) == nil, "the code is single-use")
        #expect(throws: Authenticator.Refusal(key: "activation.invalid", retryAfter: nil)) {
            try auth.activate("eloise.dupre", code: code, password: "Autre-Mot2passe", address: "10.0.0.1")
        }
        #expect(try auth.login("eloise.dupre", password: "Mot2passe-Solide", address: "10.0.0.1") == id)
        #expect(throws: Authenticator.Refusal(key: "auth.invalid", retryAfter: nil)) {
            try auth.login("eloise.dupre", password: "Mot2passe-solide", address: "10.0.0.1")
        }
        #expect(throws: Authenticator.Refusal(key: "auth.invalid", retryAfter: nil)) {
            try auth.login("personne", password: "Mot2passe-Solide", address: "10.0.0.1")
        }
        let actions = try fixture.database.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY id") }
        // A weak password with a good code is refused without counting as a failed attempt.
        #expect(
            actions == [
                "authority.create", "school.create", "import", "login.failed", "activation", "activation.failed", "login", "login.failed",
                "login.failed",
            ])
    }

    @Test func expiredCodesAreRefused() throws {
        let code = try code("jean.martin")
        clock.advance(91 * 86_400)
        #expect(throws: Authenticator.Refusal(key: "activation.expired", retryAfter: nil)) {
            try auth.activate("jean.martin", code: code, password: "Mot2passe-Solide", address: "10.0.0.2")
        }
    }

    @Test func thirtyWrongPasswordsNeverLockTheOwnerOut() throws {
        let id = try auth.activate("jean.martin", code: try code("jean.martin"), password: "Mot2passe-Solide", address: "10.0.0.3")
        // An attacker tries 30 wrong passwords from one address, one a second.
        var outcomes: [String] = []
        for _ in 0..<30 {
            do {
                _ = try auth.login("jean.martin", password: "faux", address: "10.0.0.3")
            } catch let refusal as Authenticator.Refusal {
                outcomes.append(refusal.key)
            }
            clock.advance(1)
        }
        #expect(
            outcomes.prefix(5).allSatisfy { $0 == "auth.invalid" } && outcomes[5] == "auth.throttled", "five free failures, then a delay")
        #expect(outcomes.filter { $0 == "auth.throttled" }.count >= 20, "past them, most attempts wait and are not even checked")
        // The owner meets at most a minute's delay, never a lock.
        do {
            _ = try auth.login("jean.martin", password: "Mot2passe-Solide", address: "10.0.0.9")
        } catch let refusal as Authenticator.Refusal {
            #expect(refusal.key == "auth.throttled" && (refusal.retryAfter ?? 0) <= 60)
        }
        clock.advance(60)
        #expect(try auth.login("jean.martin", password: "Mot2passe-Solide", address: "10.0.0.9") == id)
    }

    @Test func delaysDoubleUpToAMinute() {
        #expect([4, 5, 6, 7, 8, 9, 40].map { auth.delay(afterFailures: $0, free: 5) } == [0, 5, 10, 20, 40, 60, 60])
    }

    @Test func throttlesPerAddressAcrossAccountsAndIPv6ByItsSlash64() throws {
        var auth = self.auth
        auth.freeAddressFailures = 3
        for login in ["a.b", "c.d", "e.f"] {
            #expect(throws: Authenticator.Refusal.self) { try auth.login(login, password: "x", address: "2001:db8:1:2::7") }
        }
        // Another address of the same /64 is the same subscriber.
        #expect(throws: Authenticator.Refusal(key: "auth.throttled", retryAfter: 5)) {
            try auth.login("g.h", password: "x", address: "2001:db8:1:2:ffff::1")
        }
        #expect(throws: Authenticator.Refusal(key: "auth.invalid", retryAfter: nil)) {
            try auth.login("g.h", password: "x", address: "2001:db8:1:3::1")
        }
    }

    @Test func aTypedLoginIsTruncatedInTheAuditLog() throws {
        let long = String(repeating: "x", count: 16 * 1024)
        #expect(throws: Authenticator.Refusal.self) { try auth.login(long, password: "x", address: "10.0.0.5") }
        let target = try fixture.value("SELECT target FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 1")
        #expect(target?.count == 64)
    }

    @Test func blockedAccountsCannotLogIn() throws {
        let id = try auth.activate(
            "anne-sophie.nguyen", code: try code("anne-sophie.nguyen"), password: "Mot2passe-Solide", address: "10.0.0.4")
        try fixture.database.write { db in try db.execute(sql: "UPDATE users SET state = 'blocked' WHERE id = ?", arguments: [id]) }
        #expect(throws: Authenticator.Refusal(key: "auth.blocked", retryAfter: nil)) {
            try auth.login("anne-sophie.nguyen", password: "Mot2passe-Solide", address: "10.0.0.4")
        }
    }
}

@Suite("Password reset")
struct PasswordResetTests {
    @Test func aResetCodeSetsANewPasswordAndEndsSessions() throws {
        let database = try openTestDatabase()
        let hasher = PasswordHasher(costLog2: 10)
        _ = try DemoSeed(database: database, hasher: hasher).seedIfEmpty()
        let auth = Authenticator(database: database, hasher: hasher)
        let sessions = SessionStore(database: database)
        let id = try auth.login("lea.martin", password: DemoSeed.password, address: "127.0.0.1")
        let (token, _) = try sessions.open(userID: id, schoolID: nil, address: nil)

        let code = try auth.issueResetCode(login: "lea.martin", by: nil)
        #expect(
            try auth.login("lea.martin", password: DemoSeed.password, address: "127.0.0.1") == id,
            "the old password works until the reset is used")
        #expect(try auth.activate("lea.martin", code: code, password: "Nouveau-Mot2passe", address: "127.0.0.1") == id)
        #expect(try sessions.find(token: token) == nil, "a reset ends every session")
        #expect(throws: Authenticator.Refusal.self) { try auth.login("lea.martin", password: DemoSeed.password, address: "127.0.0.2") }
        #expect(try auth.login("lea.martin", password: "Nouveau-Mot2passe", address: "127.0.0.3") == id)
        #expect(throws: Authenticator.Refusal(key: "activation.invalid", retryAfter: nil)) {
            try auth.activate("lea.martin", code: code, password: "Encore-Un-Autre1", address: "127.0.0.3")
        }
        #expect(throws: Authenticator.Refusal.self) { try auth.issueResetCode(login: "personne", by: nil) }
        let actions = try database.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE action IN ('reset-code', 'password.reset')")
        }
        #expect(actions == ["reset-code", "password.reset"])
    }
}
