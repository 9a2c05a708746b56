// PasswordChangeTests: a user changes their password from their profile; the other sessions end, refusals change nothing.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Changing one's password")
struct PasswordChangeTests {
    static let newPassword = "Nouveau-Secret-2027!"

    @Test func theNewPasswordWorksTheOtherSessionsEndAndTheChangeIsAudited() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let phone = try await client.logInDemo("lea.martin")
            let laptop = try await client.logInDemo("lea.martin")
            let page = try await client.get("/profile/password", headers: laptop.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("autocomplete=\"current-password\""))
            #expect(page.text.contains("Au moins 10 caractères"), "the policy is shown before typing")
            #expect(page.text.contains("aria-describedby=\"rules\""))

            let changed = try await client.post(
                "/profile/password",
                "_csrf=\(laptop.csrf)&current=\(DemoSeed.password)&password=\(Self.newPassword)&confirm=\(Self.newPassword)",
                headers: laptop.form)
            #expect(changed.status == .seeOther)
            #expect(changed.headers[.location] == "/profile?password=1")
            // The browser that changed it stays logged in, on a new session.
            let cookie = try #require(
                changed.headers[values: .setCookie].first { $0.hasPrefix("cartable_session=") }?.split(separator: ";").first.map(
                    String.init))
            #expect(cookie != laptop.cookie)
            let profile = try await client.get("/profile?password=1", headers: [.cookie: cookie])
            #expect(profile.status == .ok)
            #expect(profile.text.contains("Mot de passe changé"))
            // The other browser, and the laptop's previous cookie, are logged out.
            for old in [phone, laptop] {
                let home = try await client.get("/profile", headers: old.headers)
                #expect(home.status == .seeOther, "an old session still works")
            }
            let oldPassword = try await client.post(
                "/auth/login", "_csrf=\(PortalTestClient.anonymousCSRF)&login=lea.martin&password=\(DemoSeed.password)",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(oldPassword.status == .unauthorized)
            _ = try await client.logIn("lea.martin", password: Self.newPassword)
        }
        let audited = try await database.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE u.login = 'lea.martin' AND a.action = 'password.change'"
            )
        }
        #expect(audited == 1)
    }

    @Test func aWrongCurrentPasswordAWeakOneOrAMismatchChangeNothing() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let before = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE login = 'hugo.martin'")
        }
        try await workspace.portal().withClient { client in
            let hugo = try await client.logInDemo("hugo.martin")
            let attempts: [(current: String, password: String, confirm: String, message: String)] = [
                ("Pas-le-bon-2026", Self.newPassword, Self.newPassword, "Le mot de passe actuel est incorrect."),
                (DemoSeed.password, "court", "court", "au moins 10 caractères"),
                (DemoSeed.password, "Hugo-Martin-2027!", "Hugo-Martin-2027!", "ni votre nom"),
                (DemoSeed.password, Self.newPassword, "Autre-Chose-2027!", "Les deux mots de passe diffèrent."),
                (DemoSeed.password, DemoSeed.password, DemoSeed.password, "Choisissez un mot de passe différent"),
            ]
            for attempt in attempts {
                let response = try await client.post(
                    "/profile/password",
                    "_csrf=\(hugo.csrf)&current=\(attempt.current)&password=\(attempt.password)&confirm=\(attempt.confirm)",
                    headers: hugo.form)
                #expect(response.status == .unprocessableContent, "\(attempt.message)")
                #expect(response.text.contains(attempt.message), "\(response.text)")
                #expect(response.text.contains("role=\"alert\""))
                #expect(!response.text.contains("value=\"\(attempt.password)\""), "a typed password is never written back")
            }
            // Still logged in, with the same password.
            #expect(try await client.get("/profile", headers: hugo.headers).status == .ok)
            let anonymous = try await client.post(
                "/profile/password", "_csrf=\(PortalTestClient.anonymousCSRF)&current=x&password=y&confirm=y",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(anonymous.status == .unauthorized)
        }
        let after = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE login = 'hugo.martin'")
        }
        #expect(before == after)
        let failures = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM login_failures WHERE kind = 'account' AND key = 'hugo.martin'")
        }
        #expect(failures == 1, "a wrong current password counts as a failed login")
    }
}
