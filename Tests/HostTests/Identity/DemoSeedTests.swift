// DemoSeedTests: the demo directory is complete, its printed logins work, and it is seeded only once.
import Foundation
import HostDomain
import HostStorage
import Testing

@Suite("Demo seed")
struct DemoSeedTests {
    @Test func seedsOnceWithWorkingLogins() throws {
        let database = try openTestDatabase()
        let hasher = PasswordHasher(costLog2: 10)
        let accounts = try DemoSeed(database: database, hasher: hasher).seedIfEmpty()
        #expect(accounts.count == 7)
        let auth = Authenticator(database: database, hasher: hasher)
        for account in accounts {
            #expect(throws: Never.self) { try auth.login(account.login, password: DemoSeed.password, address: "127.0.0.1") }
        }
        let counts = try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM users WHERE profile = 'Student'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM schools WHERE pilot = 1") ?? 0,
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM user_schools us JOIN users u ON u.id = us.user_id WHERE u.login = 'paul.durand'") ?? 0,
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM parent_links pl JOIN users u ON u.id = pl.parent_id WHERE u.login = 'marc.martin'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM admin_functions WHERE function = 'school'") ?? 0
            )
        }
        #expect(counts.0 == 30)
        #expect(counts.1 == 1)
        #expect(counts.2 == 2, "a teacher in two schools")
        #expect(counts.3 == 2, "a parent of two children")
        #expect(counts.4 == 1)
        #expect(try DemoSeed(database: database, hasher: hasher).seedIfEmpty().isEmpty, "an existing directory is left alone")
    }
}
