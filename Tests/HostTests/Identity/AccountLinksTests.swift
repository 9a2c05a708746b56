// AccountLinksTests: reset links go only to confirmed addresses, work once for 30 minutes, and die with a new password, a newer link or a new address.
import Foundation
import HostDomain
import HostStorage
import Testing

@Suite("Reset and confirmation links")
struct AccountLinksTests {
    let database: HostDatabase
    let clock = AuthenticatorTests.TestClock()
    let links: AccountLinks
    let workspace: PluginWorkspace
    static let newPassword = "Nouveau-Secret-2027!"

    init() throws {
        workspace = try PluginWorkspace()
        database = try workspace.seedDemo()
        let clock = self.clock
        links = AccountLinks(storage: database.accountLinks, hasher: PasswordHasher(costLog2: 10), now: { clock.now })
    }

    /// Marc Martin's address, as the demo's records hold it, confirmed from a link.
    func confirmMarc() throws {
        let link = try #require(try links.requestConfirmation(userID: try id("marc.martin"), address: "192.0.2.1"))
        #expect(link.email == "marc.martin@famille.example")
        #expect(try links.confirm(token: link.token, address: "192.0.2.1") == (try id("marc.martin")))
    }

    func id(_ login: String) throws -> String {
        try #require(
            try database.read { db in try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login]) })
    }

    func hash(_ login: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE login = ?", arguments: [login]) }
    }

    @Test func aResetLinkGoesOnlyToAConfirmedAddressAndWorksOnce() throws {
        #expect(try links.requestReset(login: "marc.martin", address: "192.0.2.1") == nil, "an unconfirmed address gets no link")
        #expect(try links.requestReset(login: "personne.inconnue", address: "192.0.2.1") == nil)
        #expect(try links.requestReset(login: "lea.martin", address: "192.0.2.1") == nil, "no address at all")
        try confirmMarc()
        let link = try #require(try links.requestReset(login: " Marc.Martin ", address: "192.0.2.1"))
        #expect(link.expiresAt == clock.now.addingTimeInterval(30 * 60))
        #expect(try links.resetAccount(token: link.token)?.login == "marc.martin")
        let stored = try database.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM account_links") }
        #expect(!stored.contains(link.token), "only the token's hash is stored")

        let session = try SessionStore(database: database).open(userID: try id("marc.martin"), schoolID: nil, address: nil).token
        let before = try hash("marc.martin")
        #expect(try links.reset(token: link.token, password: Self.newPassword, address: "192.0.2.1") == (try id("marc.martin")))
        #expect(try hash("marc.martin") != before)
        #expect(try SessionStore(database: database).find(token: session) == nil, "the sessions ended")
        #expect(throws: Authenticator.Refusal(key: "reset.invalid", retryAfter: nil)) {
            try links.reset(token: link.token, password: "Encore-Autre-2028!", address: "192.0.2.1")
        }
        #expect(try links.resetAccount(token: link.token) == nil)
        // Every request was audited, whatever its outcome; no token in the log.
        let audit = try database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT action, detail, target FROM audit_log WHERE action LIKE 'password.%' ORDER BY at, id")
        }
        #expect(
            audit.map { $0["action"] as String } == [
                "password.forgot", "password.forgot", "password.forgot", "password.forgot", "password.reset.mail",
            ])
        #expect(audit.map { $0["detail"] as String? }.prefix(4) == ["no-mail", "no-mail", "no-mail", "mail"])
    }

    @Test func aLinkExpiresAfterThirtyMinutesAndTheNewPasswordFollowsThePolicy() throws {
        try confirmMarc()
        let link = try #require(try links.requestReset(login: "marc.martin", address: "192.0.2.1"))
        #expect(throws: Authenticator.Refusal(key: "password.contains_name", retryAfter: nil)) {
            try links.reset(token: link.token, password: "Marc-Martin-2027!", address: "192.0.2.1")
        }
        #expect(try links.resetAccount(token: link.token) != nil, "a refused password does not spend the link")
        clock.advance(30 * 60 + 1)
        #expect(try links.resetAccount(token: link.token) == nil)
        #expect(throws: Authenticator.Refusal(key: "reset.invalid", retryAfter: nil)) {
            try links.reset(token: link.token, password: Self.newPassword, address: "192.0.2.1")
        }
    }

    @Test func aNewerLinkANewPasswordOrANewAddressEndTheOlderLinks() throws {
        try confirmMarc()
        let first = try #require(try links.requestReset(login: "marc.martin", address: "192.0.2.1"))
        let second = try #require(try links.requestReset(login: "marc.martin", address: "192.0.2.1"))
        #expect(try links.resetAccount(token: first.token) == nil, "a newer link replaces the older")
        // A password set another way (an admin's reset code) ends the link too.
        let code = try Authenticator(database: database, hasher: PasswordHasher(costLog2: 10)).issueResetCode(login: "marc.martin", by: nil)
        _ = try Authenticator(database: database, hasher: PasswordHasher(costLog2: 10))
            .activate("marc.martin", code: code, password: Self.newPassword, address: "192.0.2.1")
        #expect(try links.resetAccount(token: second.token) == nil)
        // The school's records change the address: the confirmation and the links sent to the old one end.
        let third = try #require(try links.requestReset(login: "marc.martin", address: "192.0.2.1"))
        _ = try UserImport(database: database).run(
            Data("identifiant;nom;prénom;profil;courriel\nDEMO-P1;Martin;Marc;Parent;marc@nouveau.example\n".utf8),
            options: .init(schoolUAI: "0750001A"))
        #expect(try links.resetAccount(token: third.token) == nil)
        let account = try #require(try database.accountLinks.mailAccount(.login("marc.martin")))
        #expect(account.email == "marc@nouveau.example")
        #expect(!account.emailConfirmed)
        #expect(try links.requestReset(login: "marc.martin", address: "192.0.2.1") == nil)
    }

    @Test func nobodyCanFloodAMailbox() throws {
        try confirmMarc()
        for _ in 0..<AccountLinks.linksPerHour {
            #expect(try links.requestReset(login: "marc.martin", address: "192.0.2.1") != nil)
        }
        #expect(try links.requestReset(login: "marc.martin", address: "192.0.2.1") == nil, "at most three links an hour")
        clock.advance(3601)
        #expect(try links.requestReset(login: "marc.martin", address: "192.0.2.1") != nil)
    }

    @Test func aConfirmationLinkConfirmsOnceAndOnlyTheAddressItWasSentTo() throws {
        let marc = try id("marc.martin")
        let link = try #require(try links.requestConfirmation(userID: marc, address: "192.0.2.1"))
        #expect(try links.confirm(token: "not-a-token", address: "192.0.2.1") == nil)
        #expect(try links.confirm(token: link.token, address: "192.0.2.1") == marc)
        #expect(try links.confirm(token: link.token, address: "192.0.2.1") == nil, "a link works once")
        #expect(try links.requestConfirmation(userID: marc, address: "192.0.2.1") == nil, "nothing to confirm any more")
        #expect(try links.requestConfirmation(userID: try id("lea.martin"), address: "192.0.2.1") == nil, "no address")
        // A link to an address the records have since replaced confirms nothing.
        let paul = try id("paul.durand")
        let stale = try #require(try links.requestConfirmation(userID: paul, address: "192.0.2.1"))
        _ = try UserImport(database: database).run(
            Data("identifiant;nom;prénom;profil;courriel\nDEMO-T1;Durand;Paul;Enseignant;paul@ailleurs.example\n".utf8),
            options: .init(schoolUAI: "0750001A"))
        #expect(try links.confirm(token: stale.token, address: "192.0.2.1") == nil)
        #expect(try database.accountLinks.mailAccount(.id(paul))?.emailConfirmed == false)
    }
}
