// SSOClientTests: admins register the external tools users sign in to (scope, checks, secrets shown once), and the provider's keys verify tokens across a rotation.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import Portal
import Testing

@Suite("Single sign-on: clients and signing keys")
struct SSOClientTests {
    static func encode(_ fields: [(String, String)]) -> String { BlogsTestKit.encode(fields) }

    @Test func anAuthorityAdminRegistersAToolForItsSchoolsOnly() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let directory = Directory(database: database)
        let other = try directory.createAuthority(name: "Autre Région")
        try directory.createSchool(uai: "0930001C", name: "Collège d'ailleurs", authority: other)
        let (college, elsewhere) = try await database.read { db in
            (
                try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") ?? "",
                try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0930001C'") ?? ""
            )
        }
        try await workspace.portal().withClient { client in
            let nadia = try await client.logInDemo("nadia.benali"), paul = try await client.logInDemo("paul.durand")
            #expect(try await client.get("/admin/sso", headers: paul.headers).status == .forbidden)
            let form = { (fields: [(String, String)]) in Self.encode([("_csrf", nadia.csrf)] + fields) }
            let valid: [(String, String)] = [
                ("name", "Nextcloud du collège"), ("redirect_uris", "https://cloud.example.org/apps/user_oidc/code"),
                ("school:\(college)", "1"), ("scope:profile", "1"), ("scope:email", "1"), ("scope:school", "1"),
            ]

            // Bad input: a clear message, nothing stored.
            for (field, value, message) in [
                ("redirect_uris", "http://evil.example/cb", "Adresse refusée : http://evil.example/cb"),
                ("redirect_uris", "javascript:alert(1)", "Adresse refusée"),
                ("redirect_uris", "https://cloud.example.org/cb#fragment", "Adresse refusée"),
                ("name", "", "Donnez un nom à l&#39;outil"),
            ] {
                let refused = try await client.post(
                    "/admin/sso", form(valid.filter { $0.0 != field } + [(field, value)]), headers: nadia.form)
                #expect(refused.status == .badRequest && refused.text.contains(message), "\(field)=\(value): \(refused.status)")
            }
            let foreign = try await client.post("/admin/sso", form(valid + [("school:\(elsewhere)", "1")]), headers: nadia.form)
            #expect(foreign.status == .forbidden)
            #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sso_clients") } == 0)

            // Registered: the id and the secret are shown once; only the secret's hash is kept.
            let registered = try await client.post("/admin/sso", form(valid), headers: nadia.form)
            #expect(registered.status == .ok)
            let match = try #require(
                registered.text.firstMatch(of: /Identifiant client : (c-[A-Za-z0-9_-]+) — secret : ([A-Za-z0-9_-]{43})/))
            let (id, secret) = (String(match.1), String(match.2))
            let row = try #require(
                try await database.read { db in try SQLRow.fetchOne(db, sql: "SELECT * FROM sso_clients WHERE id = ?", arguments: [id]) })
            #expect(row["secret_hash"] as String != secret && (row["scopes"] as String) == "openid profile email school")
            #expect(row["authority_id"] as String? != nil)
            let clients = SSOClients(database: database)
            #expect(try clients.authenticate(id, secret: secret))
            let listed = try await client.get("/admin/sso", headers: nadia.headers)
            #expect(
                listed.text.contains(id) && listed.text.contains("https://cloud.example.org/apps/user_oidc/code")
                    && !listed.text.contains(secret))

            // A new secret replaces the old one at once; disabling stops the client.
            let renewed = try await client.post("/admin/sso/\(id)/secret", Self.encode([("_csrf", nadia.csrf)]), headers: nadia.form)
            let newSecret = String(try #require(renewed.text.firstMatch(of: /Nouveau secret de c-[A-Za-z0-9_-]+ : ([A-Za-z0-9_-]{43})/)).1)
            #expect(try !clients.authenticate(id, secret: secret) && clients.authenticate(id, secret: newSecret))
            #expect(
                try await client.post("/admin/sso/\(id)/disable", Self.encode([("_csrf", nadia.csrf)]), headers: nadia.form).status
                    == .seeOther)
            #expect(try !clients.authenticate(id, secret: newSecret))
            #expect(try clients.client(id)?.disabled == true)
            let audit = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE target = ? ORDER BY id", arguments: [id])
            }
            #expect(audit == ["sso.client.register", "sso.client.secret", "sso.client.disable"])
        }
    }

    struct IDToken: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
        }
    }

    @Test func tokensSignedBeforeARotationStillVerifyAgainstThePublishedKeys() async throws {
        let workspace = try PluginWorkspace()
        _ = try workspace.seedDemo()
        let portal = try workspace.portal()
        let keys = SigningKeys(database: portal.database)
        try await portal.withClient { client in
            let first = try await client.get("/oauth2/jwks")
            #expect(first.status == .ok && first.headers[.contentType] == "application/json")
            let published = try #require(try first.json()["keys"] as? [[String: String]])
            #expect(Set(published.compactMap { $0["alg"] }) == ["RS256", "ES256"])
            #expect(
                published.allSatisfy { $0["kid"]?.isEmpty == false && $0["use"] == "sig" && $0["d"] == nil }, "no private part is published"
            )
            #expect(published.contains { $0["kty"] == "RSA" && $0["n"] != nil && $0["e"] == "AQAB" })
            #expect(published.contains { $0["kty"] == "EC" && $0["crv"] == "P-256" && $0["x"]?.count == 43 && $0["y"]?.count == 43 })

            let payload = IDToken(sub: "user-1", exp: .init(value: Date().addingTimeInterval(600)))
            let signer = try await keys.collection()
            let rsKid = try #require(try keys.signingKid(.rs256)), esKid = try #require(try keys.signingKid(.es256))
            let beforeRS = try await signer.sign(payload, kid: JWKIdentifier(string: rsKid))
            let beforeES = try await signer.sign(payload, kid: JWKIdentifier(string: esKid))

            // A relying party verifies with the JWKS only.
            let verifier = try await JWTKeyCollection().add(jwksJSON: first.text)
            #expect(try await verifier.verify(beforeRS, as: IDToken.self).sub.value == "user-1")
            #expect(try await verifier.verify(beforeES, as: IDToken.self).sub.value == "user-1")

            // The platform admin rotates: new kids sign, the old ones stay published.
            let admin = try await client.logInDemo("admin.plateforme")
            #expect(
                try await client.post("/admin/sso/keys/rotate", Self.encode([("_csrf", admin.csrf)]), headers: admin.form).status
                    == .seeOther)
            let authority = try await client.logInDemo("nadia.benali")
            #expect(
                try await client.post("/admin/sso/keys/rotate", Self.encode([("_csrf", authority.csrf)]), headers: authority.form).status
                    == .forbidden)
            #expect(try keys.signingKid(.rs256) != rsKid && keys.signingKid(.es256) != esKid)
            let second = try await client.get("/oauth2/jwks")
            let after = try #require(try second.json()["keys"] as? [[String: String]])
            #expect(after.count == 4 && Set(after.compactMap { $0["kid"] }).isSuperset(of: [rsKid, esKid]))
            let rotated = try await JWTKeyCollection().add(jwksJSON: second.text)
            #expect(
                try await rotated.verify(beforeRS, as: IDToken.self).sub.value == "user-1",
                "a token signed before the rotation still verifies")
            let fresh = try await keys.collection().sign(payload, kid: JWKIdentifier(string: try #require(try keys.signingKid(.rs256))))
            #expect(try await rotated.verify(fresh, as: IDToken.self).sub.value == "user-1")

            // Past the retention, the retired keys leave the JWKS.
            let later = try keys.published(now: Date().addingTimeInterval(8 * 86_400))
            #expect(later.count == 2 && !later.contains { $0.kid == rsKid })
        }
    }
}
