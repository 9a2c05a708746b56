// AuthRoutesTests: activation and login over HTTP, session cookie flags and rotation, logout, CSRF refusals, throttling.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Login over HTTP")
struct AuthRoutesTests {
    let workspace: PluginWorkspace
    let csrf = PortalTestClient.anonymousCSRF
    let form: HTTPFields

    init() throws {
        workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        let database = try workspace.openDatabase()
        let directory = Directory(database: database)
        let authority = try directory.createAuthority(name: "Région")
        try directory.createSchool(uai: "0751234A", name: "Collège", authority: authority)
        var options = UserImport.Options(schoolUAI: "0751234A")
        options.defaultProfile = .teacher
        _ = try UserImport(database: database).run(Data("identifiant;nom;prénom\nT1;Nguyen;Anne\n".utf8), options: options)
        form = [.contentType: "application/x-www-form-urlencoded"]
    }

    func code() throws -> String {
        let database = try workspace.openDatabase()
        return try #require(
            try database.read { db in try String.fetchOne(db, sql: "SELECT activation_code FROM users WHERE login = 'anne.nguyen'") })
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("cartable_session=") || $0.hasPrefix("__Host-cartable_session=") }
    }

    @Test func activateLogInAndOut() async throws {
        let code = try code()
        try await workspace.portal().withClient { [form, csrf] client in
            let page = try await client.get("/auth/activate")
            #expect(page.text.contains("<label for=\"code\">Code d&#39;activation</label>"))
            let weak = try await client.post(
                "/auth/activate", "_csrf=\(csrf)&login=anne.nguyen&code=\(code)&password=faible&confirm=faible",
                headers: form.with(cookie: "cartable_csrf=\(csrf)"))
            #expect(weak.status == .unauthorized)
            #expect(weak.text.contains("au moins 10 caractères"))

            let activated = try await client.post(
                "/auth/activate", "_csrf=\(csrf)&login=anne.nguyen&code=\(code)&password=Mot2passe-Solide&confirm=Mot2passe-Solide",
                headers: form.with(cookie: "cartable_csrf=\(csrf)"))
            #expect(activated.status == .seeOther)
            let first = try #require(Self.sessionCookie(activated))
            #expect(first.contains("HttpOnly") && first.contains("SameSite=Lax") && first.contains("Path=/"))
            #expect(!first.contains("Secure"), "plain http in tests")

            let login = try await client.post(
                "/auth/login", "_csrf=\(csrf)&login=anne.nguyen&password=Mot2passe-Solide",
                headers: form.with(cookie: "cartable_csrf=\(csrf)"))
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/")
            let cookie = try #require(Self.sessionCookie(login)?.split(separator: ";").first.map(String.init))
            #expect(cookie != first.split(separator: ";").first.map(String.init), "each login gets a new session id")

            let home = try await client.get("/", headers: [.cookie: cookie])
            #expect(home.text.contains("Connecté : Anne Nguyen"))
            #expect(home.text.contains("action=\"/auth/logout\""))
            #expect(try await client.get("/").text.contains("href=\"/auth/login\""), "anonymous visitors get the login link")

            // A logged-in post must carry the session's token, not the anonymous one.
            let refused = try await client.post("/apps/notes/notes", "_csrf=\(csrf)&title=x&body=y", headers: form.with(cookie: cookie))
            #expect(refused.status == .forbidden)
            let notes = try await client.get("/apps/notes/new", headers: [.cookie: cookie])
            let token = try #require(notes.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1).description
            let created = try await client.post(
                "/apps/notes/notes", "_csrf=\(token)&title=Avec+session&body=y", headers: form.with(cookie: cookie))
            #expect(created.status == .seeOther)

            let out = try await client.post("/auth/logout", "_csrf=\(token)", headers: form.with(cookie: cookie))
            #expect(out.status == .seeOther)
            #expect(Self.sessionCookie(out)?.contains("Max-Age=0") == true)
            // The old cookie no longer opens a session: its token is now refused.
            let after = try await client.post("/apps/notes/notes", "_csrf=\(token)&title=z&body=z", headers: form.with(cookie: cookie))
            #expect(after.status == .forbidden)
            #expect(try await client.get("/", headers: [.cookie: cookie]).text.contains("href=\"/auth/login\""))
            // Replaying the old cookie (the browser did not forget it) is refused by the server: sent to log in.
            let replayed = try await client.get("/profile", headers: [.cookie: cookie])
            #expect(replayed.status == .seeOther && replayed.headers[.location]?.hasPrefix("/auth/login") == true)
        }
    }

    @Test func missingOrWrongCSRFTokensChangeNothing() async throws {
        try await workspace.portal().withClient { [form, csrf, workspace] client in
            let missing = try await client.execute(
                uri: "/apps/notes/notes", method: .post, headers: form, body: ByteBuffer(string: "title=a&body=b"))
            #expect(missing.status == .forbidden)
            #expect(try missing.json()["error"] as? String == "Jeton de sécurité manquant ou invalide : rechargez la page et recommencez.")
            let wrong = try await client.post(
                "/apps/notes/notes", "_csrf=\(String(repeating: "z", count: 43))&title=a&body=b",
                headers: form.with(cookie: "cartable_csrf=\(csrf)").with(csrfHeader: nil))
            #expect(wrong.status == .forbidden)
            let crossSite = try await client.post(
                "/apps/notes/notes", "title=a&body=b", headers: form.with(extra: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]))
            #expect(crossSite.status == .forbidden)
            let foreign = try await client.post(
                "/apps/notes/notes", "title=a&body=b", headers: form.with(extra: [HTTPField.Name("Origin")!: "https://evil.example"]))
            #expect(foreign.status == .forbidden)
            #expect(try foreign.json()["error"] as? String == "Requête refusée : elle ne vient pas du portail.")
            let database = try workspace.openDatabase()
            let documents = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") }
            #expect(documents == 0, "no refused post created anything")
        }
    }

    @Test func secureCookiesBehindHTTPS() async throws {
        let code = try code()
        try await workspace.portal(publicURL: "https://ent.example.org").withClient { [form, csrf] client in
            let response = try await client.post(
                "/auth/activate", "_csrf=\(csrf)&login=anne.nguyen&code=\(code)&password=Mot2passe-Solide&confirm=Mot2passe-Solide",
                headers: form.with(cookie: "__Host-cartable_csrf=\(csrf)").with(extra: [
                    HTTPField.Name("Origin")!: "https://ent.example.org"
                ]))
            #expect(response.status == .seeOther)
            #expect(Self.sessionCookie(response)?.hasPrefix("__Host-cartable_session=") == true, "host-only over https")
            #expect(Self.sessionCookie(response)?.contains("Secure") == true)
        }
    }

    @Test func throttledLoginsSayHowLongToWait() async throws {
        try await workspace.portal().withClient { [form, csrf] client in
            for _ in 0..<5 {
                let failed = try await client.post(
                    "/auth/login", "_csrf=\(csrf)&login=anne.nguyen&password=faux", headers: form.with(cookie: "cartable_csrf=\(csrf)"))
                #expect(failed.status == .unauthorized)
            }
            let throttled = try await client.post(
                "/auth/login", "_csrf=\(csrf)&login=anne.nguyen&password=faux", headers: form.with(cookie: "cartable_csrf=\(csrf)"))
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.text.contains("Trop de tentatives. Réessayez dans"))
            #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 >= 1, "the delay after five failures")
        }
    }
}

extension HTTPFields {
    func with(cookie: String) -> HTTPFields {
        var copy = self
        copy[.cookie] = cookie
        return copy
    }

    func with(csrfHeader: String?) -> HTTPFields {
        var copy = self
        copy[CSRFHeader.name] = csrfHeader ?? "none"
        return copy
    }

    func with(extra: [HTTPField.Name: String]) -> HTTPFields {
        var copy = self
        for (name, value) in extra { copy[name] = value }
        return copy
    }
}

@Suite("School switch")
struct SchoolSwitchTests {
    @Test func aTeacherSwitchesToHisOtherSchoolOnly() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.openDatabase()
        _ = try DemoSeed(database: database, hasher: PasswordHasher(costLog2: 10)).seedIfEmpty()
        try await workspace.portal().withClient { client in
            let (cookie, token) = try await client.logIn("paul.durand", password: DemoSeed.password)
            let session: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let switched = try await client.post("/auth/school", "_csrf=\(token)&school=0750002B", headers: session)
            #expect(switched.status == .seeOther)
            let school = try await database.read { db in
                try String.fetchOne(db, sql: "SELECT s.uai FROM sessions x JOIN schools s ON s.id = x.school_id WHERE x.revoked_at IS NULL")
            }
            #expect(school == "0750002B")
            let other = try await client.post("/auth/school", "_csrf=\(token)&school=0999999Z", headers: session)
            #expect(other.status == .forbidden)
            let anonymous = try await client.post("/auth/school", "school=0750002B")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
