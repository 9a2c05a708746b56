// AuthorizationMatrixTests: every host route against every kind of caller, each cell asserted allowed or denied.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Portal
import Testing

@Suite("Authorization matrix of the host routes")
struct AuthorizationMatrixTests {
    /// The columns of the matrix, in order.
    enum Caller: Int, CaseIterable, CustomStringConvertible {
        case anonymous, student, parent, teacher, staff, schoolAdmin, otherSchoolAdmin, authorityAdmin, otherAuthorityAdmin, platformAdmin,
            guest

        /// The demo account (or the test's own, for the other authority); nil for anonymous callers.
        var login: String? {
            switch self {
            case .anonymous: nil
            case .student: "lea.martin"  // collège, 4e A
            case .parent: "marc.martin"  // Léa's and Hugo's father
            case .teacher: "paul.durand"  // both schools
            case .staff: "lucas.henry"  // the lycée's staff, not an admin
            case .schoolAdmin: "sophie.bernard"  // admin of the collège
            case .otherSchoolAdmin: "julie.masson"  // a lycée teacher, made the lycée's admin below: same region, another school
            case .authorityAdmin: "nadia.benali"  // the region of both demo schools
            case .otherAuthorityAdmin: "omar.haddad"  // another region, created below
            case .platformAdmin: "admin.plateforme"
            case .guest: "invite.college"  // a guest account of the collège, created below
            }
        }

        var description: String { login ?? "anonymous" }
    }

    /// A request of the matrix: `{school}` is the collège, `{user}` Chloé Petit (a collège
    /// student), `{child}` Hugo, `{group}` a manual group and `{role}` a role of the collège,
    /// `{students}` the collège's Students group, `{authority}` the demo region, `{paul}` Paul Durand.
    struct Cell {
        enum Body: Equatable { case none, form(String), avatar, importFile }
        let method: HTTPRequest.Method
        let path: String
        let body: Body
        /// One letter per caller, in ``Caller`` order: Y allowed, N denied.
        let expected: String
        /// For a change: a count the allowed call must have made positive (placeholders filled), so "allowed" means "it worked".
        var effect: String? = nil
    }

    // A GET is denied by 401, 403, 404 or a redirect to the login page; a POST by 401, 403 or 404.
    // Rows run in order for each caller, in a fresh portal: the ones that destroy come last.
    static let matrix: [Cell] = [
        //                                                                                        anon stu par tea sta sAd oSA aAd oAd pAd gst
        Cell(method: .get, path: "/healthz", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/auth/login", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/auth/activate", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/themes/region-demo.svg", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        // The shell's stylesheet: the login page needs it too.
        Cell(method: .get, path: ShellAsset.stylesheet.path, body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: ShellAsset.icon.path, body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/profile", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(
            method: .post, path: "/profile", body: .form("display_name=Nom+de+test"), expected: "N Y Y Y Y Y Y Y Y Y Y",
            effect: "SELECT count(*) FROM users WHERE display_name = 'Nom de test'"),
        Cell(method: .post, path: "/profile/avatar", body: .avatar, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .post, path: "/profile/avatar/delete", body: .form(""), expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/profile/export", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/profile/tools", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .post, path: "/profile/tools/{client}/withdraw", body: .form(""), expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/profile/{user}", body: .none, expected: "N Y Y Y N Y N Y N Y Y"),
        Cell(method: .get, path: "/profile/{user}/avatar", body: .none, expected: "N Y Y Y N Y N Y N Y Y"),
        Cell(method: .post, path: "/auth/child", body: .form("child={child}"), expected: "N N Y N N N N N N N N"),
        Cell(method: .post, path: "/auth/school", body: .form("school=0750001A"), expected: "N Y Y Y N Y N N N N Y"),
        Cell(method: .post, path: "/timeline/read", body: .form(""), expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/apps/probe/identity", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/apps/probe/whoami", body: .none, expected: "N N N Y N N Y N N N N"),
        Cell(method: .get, path: "/admin", body: .none, expected: "N N N N N Y Y Y Y Y N"),
        Cell(method: .get, path: "/admin/audit", body: .none, expected: "N N N N N Y Y Y Y Y N"),
        Cell(method: .get, path: "/admin/authorities", body: .none, expected: "N N N N N N N N N Y N"),
        Cell(
            method: .post, path: "/admin/authorities", body: .form("name=Nouvelle+r%C3%A9gion"), expected: "N N N N N N N N N Y N",
            effect: "SELECT count(*) FROM authorities WHERE name = 'Nouvelle région'"),
        Cell(
            method: .post, path: "/admin/authorities/{authority}/admins", body: .form("login=paul.durand"),
            expected: "N N N N N N N N N Y N",
            effect: "SELECT count(*) FROM admin_functions WHERE user_id = '{paul}' AND function = 'authority'"),
        Cell(
            method: .post, path: "/admin/authorities/{authority}/admins/{paul}/remove", body: .form(""), expected: "N N N N N N N N N Y N"),
        Cell(method: .get, path: "/admin/plugins", body: .none, expected: "N N N N N N N N N Y N"),
        Cell(method: .get, path: "/admin/schools", body: .none, expected: "N N N N N Y Y Y Y Y N"),
        Cell(
            method: .post, path: "/admin/schools", body: .form("uai=0750009Z&name=Nouveau&authority={authority}"),
            expected: "N N N N N N N Y N Y N", effect: "SELECT count(*) FROM schools WHERE uai = '0750009Z'"),
        Cell(
            method: .post, path: "/admin/schools/{school}/pilot", body: .form("pilot=1"), expected: "N N N N N N N Y N Y N",
            effect: "SELECT count(*) FROM schools WHERE id = '{school}' AND pilot = 1"),
        Cell(
            method: .post, path: "/admin/schools/{school}/admins", body: .form("login=paul.durand"), expected: "N N N N N N N Y N Y N",
            effect: "SELECT count(*) FROM admin_functions WHERE user_id = '{paul}' AND function = 'school' AND scope_id = '{school}'"),
        Cell(method: .post, path: "/admin/schools/{school}/admins/{paul}/remove", body: .form(""), expected: "N N N N N N N Y N Y N"),
        Cell(method: .get, path: "/admin/modules", body: .none, expected: "N N N N N N N Y Y Y N"),
        Cell(
            method: .post, path: "/admin/modules", body: .form("school={school}&plugin=probe&choice=newest"),
            expected: "N N N N N N N Y N Y N"),
        Cell(method: .get, path: "/admin/settings", body: .none, expected: "N N N N N N N Y Y Y N"),
        Cell(method: .post, path: "/admin/settings", body: .form("authority={authority}&plugin=probe"), expected: "N N N N N N N Y N Y N"),
        Cell(method: .get, path: "/admin/sso", body: .none, expected: "N N N N N N N Y Y Y N"),
        Cell(
            method: .post, path: "/admin/sso",
            body: .form("name=Outil&redirect_uris=https%3A%2F%2Ftool.example.org%2Fcb&school:{school}=1"),
            expected: "N N N N N N N Y N Y N", effect: "SELECT count(*) FROM sso_clients WHERE name = 'Outil'"),
        Cell(method: .post, path: "/admin/sso/{client}/secret", body: .form(""), expected: "N N N N N N N Y N Y N"),
        Cell(method: .post, path: "/admin/sso/keys/rotate", body: .form(""), expected: "N N N N N N N N N Y N"),
        Cell(method: .get, path: "/oauth2/jwks", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/.well-known/openid-configuration", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        // Anonymous callers are sent to log in; others get the consent page, or the tool gets access_denied (another school).
        Cell(
            method: .get,
            path: "/oauth2/authorize?response_type=code&client_id={client}&redirect_uri=https%3A%2F%2Ftool.example.org%2Fcb&scope=openid",
            body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        Cell(
            method: .post, path: "/oauth2/authorize",
            body: .form(
                "response_type=code&client_id={client}&redirect_uri=https%3A%2F%2Ftool.example.org%2Fcb&scope=openid&decision=deny"),
            expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        // The portal's session is no credential there: the client's secret, or an access token, is.
        Cell(
            method: .post, path: "/oauth2/token", body: .form("grant_type=authorization_code&client_id=unknown&code=x"),
            expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/oauth2/userinfo", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .post, path: "/oauth2/userinfo", body: .form(""), expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/pub/probe/unclaimed", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/pub/probe/unclaimed/feed.atom", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/admin/schools/{school}", body: .none, expected: "N N N N N Y N Y N Y N"),
        Cell(
            method: .post, path: "/admin/schools/{school}/groups", body: .form("name=Chorale"), expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM groups WHERE school_id = '{school}' AND name = 'Chorale'"),
        Cell(
            method: .post, path: "/admin/schools/{school}/groups/{group}/members", body: .form("login=chloe.petit"),
            expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM group_members WHERE group_id = '{group}' AND user_id = '{user}'"),
        Cell(
            method: .post, path: "/admin/schools/{school}/groups/{group}/members/{user}/remove", body: .form(""),
            expected: "N N N N N Y N Y N Y N"),
        Cell(
            method: .post, path: "/admin/schools/{school}/roles", body: .form("name=R%C3%B4le&action:probe.write=1"),
            expected: "N N N N N Y N Y N Y N", effect: "SELECT count(*) FROM roles WHERE school_id = '{school}' AND name = 'Rôle'"),
        Cell(
            method: .post, path: "/admin/schools/{school}/roles/{role}/grant", body: .form("group={students}"),
            expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM role_grants WHERE role_id = '{role}' AND group_id = '{students}'"),
        Cell(
            method: .post, path: "/admin/schools/{school}/roles/{role}/revoke", body: .form("group={students}"),
            expected: "N N N N N Y N Y N Y N"),
        Cell(method: .post, path: "/admin/schools/{school}/roles/{role}/delete", body: .form(""), expected: "N N N N N Y N Y N Y N"),
        Cell(method: .post, path: "/admin/schools/{school}/groups/{group}/delete", body: .form(""), expected: "N N N N N Y N Y N Y N"),
        Cell(method: .get, path: "/admin/schools/{school}/accounts", body: .none, expected: "N N N N N Y N Y N Y N"),
        Cell(method: .get, path: "/admin/schools/{school}/activation-codes.csv", body: .none, expected: "N N N N N Y N Y N Y N"),
        Cell(
            method: .post, path: "/admin/schools/{school}/accounts/bulk", body: .form("action=codes&user:{user}=1"),
            expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM audit_log WHERE action = 'reset-code' AND target = '{user}' AND detail = 'bulk'"),
        Cell(method: .get, path: "/admin/schools/{school}/import", body: .none, expected: "N N N N N Y N Y N Y N"),
        Cell(method: .post, path: "/admin/schools/{school}/import", body: .importFile, expected: "N N N N N Y N Y N Y N"),
        Cell(method: .get, path: "/admin/users/{user}/block", body: .none, expected: "N N N N N Y N Y N Y N"),
        Cell(
            method: .post, path: "/admin/users/{user}/block", body: .form("confirm=1"), expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM users WHERE id = '{user}' AND state = 'blocked'"),
        Cell(
            method: .post, path: "/admin/users/{user}/unblock", body: .form(""), expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM users WHERE id = '{user}' AND state = 'active'"),
        Cell(
            method: .post, path: "/admin/users/{user}/reset-code", body: .form(""), expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM users WHERE id = '{user}' AND activation_code IS NOT NULL"),
        Cell(
            method: .post, path: "/admin/users/{user}/revoke-sessions", body: .form(""), expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM audit_log WHERE action = 'sessions.revoke' AND target = '{user}'"),
        Cell(method: .get, path: "/admin/users/{user}/anonymize", body: .none, expected: "N N N N N Y N Y N Y N"),
        Cell(
            method: .post, path: "/admin/users/{user}/anonymize", body: .form("confirm=1"), expected: "N N N N N Y N Y N Y N",
            effect: "SELECT count(*) FROM users WHERE id = '{user}' AND state = 'anonymized'"),
        Cell(method: .post, path: "/oauth2/revoke", body: .form("token=x&client_id=unknown"), expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/cas/login", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        // No external provider is configured here, and nobody has a login through one under way.
        Cell(method: .get, path: "/auth/upstream/{provider}", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/auth/upstream/{provider}/callback", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/auth/upstream/link", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .post, path: "/auth/upstream/link", body: .form("login=lea.martin&password=x"), expected: "N N N N N N N N N N N"),
        Cell(method: .post, path: "/oauth2/device_authorization", body: .form("client_id=unknown"), expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/device", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        // A device's code: the consent page for users of the collège (the tool's school), refused to the others.
        Cell(method: .post, path: "/device", body: .form("user_code={device}"), expected: "N Y Y Y N Y N N N N Y"),
        // Validation is for services' servers: anyone may ask, a missing ticket is an INVALID_REQUEST answer.
        Cell(method: .get, path: "/cas/serviceValidate", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/cas/p3/serviceValidate", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .get, path: "/oauth2/logout", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        // Disabling the tool comes last: the sign-in rows above use it.
        Cell(method: .post, path: "/admin/sso/{client}/disable", body: .form(""), expected: "N N N N N N N Y N Y N"),
        Cell(method: .get, path: "/profile/password", body: .none, expected: "N Y Y Y Y Y Y Y Y Y Y"),
        // Anyone may ask for a reset link or whom to ask; the answer is the same for every login.
        Cell(method: .get, path: "/auth/forgot", body: .none, expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        Cell(method: .post, path: "/auth/forgot", body: .form("login=chloe.petit&school=0750001A"), expected: "Y Y Y Y Y Y Y Y Y Y Y"),
        // Only a link mailed to the account opens these; nobody holds one here.
        Cell(method: .get, path: "/auth/reset?token=x", body: .none, expected: "N N N N N N N N N N N"),
        Cell(
            method: .post, path: "/auth/reset", body: .form("token=x&password=Matrice-Secret-2027%21&confirm=Matrice-Secret-2027%21"),
            expected: "N N N N N N N N N N N"),
        Cell(method: .get, path: "/profile/email/confirm?token=x", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .post, path: "/profile/email/confirm", body: .form(""), expected: "N Y Y Y Y Y Y Y Y Y Y"),
        // A real change: it ends the caller's sessions and opens a new one, which the rows below do not use.
        Cell(
            method: .post, path: "/profile/password",
            body: .form("current=Cartable-Demo-2026&password=Matrice-Secret-2027%21&confirm=Matrice-Secret-2027%21"),
            expected: "N Y Y Y Y Y Y Y Y Y Y", effect: "SELECT count(*) FROM audit_log WHERE action = 'password.change'"),
        // The change ended every session: a form of the ended one is refused (CSRF).
        Cell(method: .post, path: "/auth/logout", body: .form(""), expected: "Y N N N N N N N N N N"),
        // Last: everyone is logged out by now, so a form of the ended session is refused (CSRF); an anonymous one is sent on.
        Cell(method: .post, path: "/oauth2/logout", body: .form(""), expected: "Y N N N N N N N N N N"),
        // A CAS logout: everyone is logged out by now, so the page sends them to log in; the POST of an ended session is refused (CSRF).
        Cell(method: .get, path: "/cas/logout", body: .none, expected: "N N N N N N N N N N N"),
        Cell(method: .post, path: "/cas/logout", body: .form(""), expected: "Y N N N N N N N N N N"),
    ]

    /// Actions anyone may record about themselves; any other audit entry is an admin's.
    static let selfService: Set<String> = [
        "login", "password.change", "password.forgot", "profile.update", "profile.export", "avatar.update", "avatar.remove",
        "sso.consent.withdraw",
    ]

    @Test func everyRouteOfTheHostIsInTheMatrix() throws {
        // The router's own list of routes must match the table's (plugin routes are one row each for a public and a gated path).
        let workspace = try PluginWorkspace()
        let router = PortalApplication.router(portal: try workspace.portal())
        var declared = Set(
            router.routes.map { "\($0.method.rawValue) \($0.path)" }.filter { !$0.contains("/apps/") && !$0.contains("/pub/") })
        declared.remove("POST /auth/login")  // the ways in, tested with their refusals in AuthRoutesTests
        declared.remove("POST /auth/activate")
        let table = Set(
            Self.matrix.filter { !$0.path.hasPrefix("/apps/") && !$0.path.hasPrefix("/pub/") }
                .map {
                    "\($0.method.rawValue) \(Self.routerPath(String($0.path.split(separator: "?")[0]).replacingOccurrences(of: "/themes/region-demo.svg", with: "/themes/{file}")))"
                })
        #expect(declared.subtracting(table).isEmpty, "routes missing from the matrix: \(declared.subtracting(table).sorted())")
        #expect(table.subtracting(declared).isEmpty, "rows for routes that do not exist: \(table.subtracting(declared).sorted())")
        #expect(Self.matrix.allSatisfy { $0.expected.split(separator: " ").count == Caller.allCases.count })
    }

    /// The router's pattern for a path of the table: its first placeholder is `{id}`, a later
    /// `{user}` or `{paul}` is `{user}`, the others keep their names.
    private static func routerPath(_ path: String) -> String {
        var first = true
        return path.replacing(/\{(\w+)\}/) { match in
            defer { first = false }
            if match.1 == "file" { return "{file}" }
            if first { return "{id}" }
            return match.1 == "paul" || match.1 == "user" ? "{user}" : "{\(match.1)}"
        }
    }

    @Test(arguments: Caller.allCases)
    func eachCallerGetsExactlyTheirCells(caller: Caller) async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(
            ProbeOptions(
                publicRoutes: false, gatedRoutes: [("GET", "/whoami", "probe.write")], actions: [("probe.write", ["Teacher"])]))
        let database = try workspace.seedDemo()
        let fixture = try Fixture(database)
        let portal = try workspace.portal(themes: ThemeTests.demoThemes)
        try await portal.withClient { client in
            let session = try await caller.login.asyncMap { try await client.logInDemo($0) }
            var failures: [String] = []
            for cell in Self.matrix {
                let path = fixture.fill(cell.path)
                let response = try await Self.send(cell, path: path, fixture: fixture, session: session, client: client)
                let denied: Bool
                if cell.method == .get {
                    let toLogin = response.status == .seeOther && response.headers[.location]?.hasPrefix("/auth/login") == true
                    denied = [.unauthorized, .forbidden, .notFound].contains(response.status) || toLogin
                } else {
                    denied = [.unauthorized, .forbidden, .notFound].contains(response.status)
                }
                let allowed = !denied && response.status.code < 400
                let wanted = cell.expected.split(separator: " ")[caller.rawValue] == "Y"
                if wanted ? !allowed : !denied {
                    failures.append(
                        "\(cell.method) \(cell.path): \(response.status.code) (\(wanted ? "should be allowed" : "should be denied"))")
                } else if wanted, let effect = cell.effect {
                    let count = try await database.read { db in try Int.fetchOne(db, sql: fixture.fill(effect)) ?? 0 }
                    if count == 0 { failures.append("\(cell.method) \(cell.path): \(response.status.code) but nothing changed") }
                }
            }
            #expect(failures.isEmpty, "\(caller): \(failures.joined(separator: "; "))")
        }
        // Callers with no admin cell left no admin trace, and Chloé's account is untouched by them.
        let adminCells = Self.matrix.contains { $0.path.hasPrefix("/admin") && $0.expected.split(separator: " ")[caller.rawValue] == "Y" }
        if !adminCells, let login = caller.login {
            let (traces, state) = try await database.read { db in
                let id = try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ?", arguments: [login])
                let actions = try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE actor_id = ?", arguments: [id])
                let state = try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [fixture.user])
                return (actions.filter { !Self.selfService.contains($0) }, state)
            }
            #expect(traces.isEmpty, "\(caller) changed something: \(traces)")
            #expect(state == "active")
        }
        if caller == .otherSchoolAdmin {
            // The lycée's admin, of the same region, touched nothing of the collège.
            let touched = try await database.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_id
                        WHERE u.login = 'julie.masson' AND (a.school_id = ? OR a.target = ?) AND a.action != 'account.refused'
                        """, arguments: [fixture.school, fixture.user])
            }
            #expect(touched == 0)
        }
        if caller == .otherAuthorityAdmin {
            // The other region's admin could touch nothing of the demo region.
            let demo = try await database.read { db in
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE u.login = 'omar.haddad' AND a.school_id IS NOT NULL"
                )
            }
            #expect(demo == 0)
        }
    }

    private static func send(
        _ cell: Cell, path: String, fixture: Fixture, session: LoggedIn?, client: any TestClientProtocol
    ) async throws -> TestResponse {
        let csrf = session?.csrf ?? PortalTestClient.anonymousCSRF
        var headers: HTTPFields = session?.headers ?? [.cookie: "cartable_csrf=\(csrf)", CSRFHeader.name: csrf]
        switch cell.body {
        case .none:
            return try await client.get(path, headers: headers)
        case .form(let form):
            headers[.contentType] = "application/x-www-form-urlencoded"
            return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: fixture.fill(form)))
        case .avatar, .importFile:
            let upload =
                cell.body == .avatar
                ? TestImages.multipart(csrf: csrf, file: TestImages.png(), type: "image/png")
                : TestImages.multipart(
                    csrf: csrf, file: Array("identifiant;nom;prénom;profil;classe\nMATRIX-1;Test;Ana;Élève;4e A\n".utf8),
                    type: "text/csv", field: "file", fields: [("dry_run", "1")])
            headers[.contentType] = upload.contentType
            return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: upload.body))
        }
    }

    /// The ids the table's placeholders stand for, and the other region with its admin.
    struct Fixture {
        let school: String, user: String, child: String, group: String, role: String, students: String, authority: String, paul: String
        /// A tool registered by the demo region's admin for the collège, and a device code it asked for.
        let client: String, device: String

        init(_ database: HostDatabase) throws {
            let directory = Directory(database: database)
            let other = try directory.createAuthority(name: "Autre Région")
            try directory.createSchool(uai: "0930001C", name: "Collège d'ailleurs", authority: other)
            let hash = try PasswordHasher(costLog2: 10).hash(DemoSeed.password)
            let ids = try database.write { db -> [String: String] in
                let stamp = Date().formatted(.iso8601), omar = UUID().uuidString.lowercased()
                try db.execute(
                    sql: """
                        INSERT INTO users (id, login, first_name, last_name, display_name, profile, state, password_hash, created_at, updated_at)
                        VALUES (?, 'omar.haddad', 'Omar', 'Haddad', 'Omar Haddad', 'Personnel', 'active', ?, ?, ?)
                        """, arguments: [omar, hash, stamp, stamp])
                try db.execute(
                    sql: "INSERT INTO admin_functions (user_id, function, scope_id) VALUES (?, 'authority', ?)", arguments: [omar, other])
                // The lycée's admin, and a guest of the collège.
                try db.execute(
                    sql: """
                        INSERT INTO admin_functions (user_id, function, scope_id)
                        SELECT u.id, 'school', s.id FROM users u, schools s WHERE u.login = 'julie.masson' AND s.uai = '0750002B'
                        """)
                let guest = UUID().uuidString.lowercased()
                try db.execute(
                    sql: """
                        INSERT INTO users (id, login, first_name, last_name, display_name, profile, state, password_hash, created_at, updated_at)
                        VALUES (?, 'invite.college', 'Invité', 'Collège', 'Invité Collège', 'Guest', 'active', ?, ?, ?)
                        """, arguments: [guest, hash, stamp, stamp])
                try db.execute(
                    sql: "INSERT INTO user_schools (user_id, school_id) SELECT ?, id FROM schools WHERE uai = '0750001A'",
                    arguments: [guest])
                var ids: [String: String] = [:]
                for (key, sql) in [
                    ("school", "SELECT id FROM schools WHERE uai = '0750001A'"),
                    ("user", "SELECT id FROM users WHERE login = 'chloe.petit'"),
                    ("child", "SELECT id FROM users WHERE first_name = 'Hugo' AND last_name = 'Martin'"),
                    ("paul", "SELECT id FROM users WHERE login = 'paul.durand'"),
                    ("authority", "SELECT authority_id FROM schools WHERE uai = '0750001A'"),
                    (
                        "students",
                        "SELECT g.id FROM groups g JOIN schools s ON s.id = g.school_id WHERE s.uai = '0750001A' AND g.kind = 'profile' AND g.profile = 'Student' AND g.class_id IS NULL"
                    ),
                ] {
                    ids[key] = try String.fetchOne(db, sql: sql)
                }
                return ids
            }
            func id(_ key: String) throws -> String { try #require(ids[key], "the demo has no \(key)") }
            school = try id("school"); user = try id("user"); child = try id("child"); paul = try id("paul");
            authority = try id("authority"); students = try id("students")
            group = try ManualGroups(database: database).create(schoolID: school, name: "Club d'échecs", by: nil)
            role = try Roles(database: database).create(schoolID: school, name: "Rédacteurs", actions: ["probe.write"], by: nil)
            try Avatars.save(TestImages.png(width: 256, height: 256), userID: user, address: nil, database: database)
            let nadia = try #require(try Directory(database: database).userID(login: "nadia.benali"))
            let rights = try AdminRights.load(userID: nadia, database: database)
            client = try SSOClients(database: database).register(
                .init(name: "Outil du collège", redirectURIs: ["https://tool.example.org/cb"], schoolIDs: [school]),
                rights: rights, authorityID: authority, by: nadia
            ).0.id
            device = try DeviceGrants(database: database).start(clientID: client, scope: ["openid"]).userCode
        }

        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{school}", with: school).replacingOccurrences(of: "{user}", with: user)
                .replacingOccurrences(of: "{child}", with: child).replacingOccurrences(of: "{group}", with: group)
                .replacingOccurrences(of: "{role}", with: role).replacingOccurrences(of: "{students}", with: students)
                .replacingOccurrences(of: "{authority}", with: authority).replacingOccurrences(of: "{paul}", with: paul)
                .replacingOccurrences(of: "{client}", with: client).replacingOccurrences(of: "{device}", with: device)
                .replacingOccurrences(of: "{provider}", with: "academie")
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
