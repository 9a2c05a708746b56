// SecurityHeadersTests: the headers every page carries, and what a plugin may send and receive.
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Security headers")
struct SecurityHeadersTests {
    static let referrer = HTTPField.Name("Referrer-Policy")!, nosniff = HTTPField.Name("X-Content-Type-Options")!
    static let frames = HTTPField.Name("X-Frame-Options")!, hsts = HTTPField.Name("Strict-Transport-Security")!

    @Test func everyPageHasAScriptFreeCSPThatAllowsOnlyTheShellsOwnStyles() async throws {
        let workspace = try PluginWorkspace()
        try workspace.seedDemo()
        try await workspace.portal(themes: ThemeTests.demoThemes).withClient { client in
            let marc = try await client.logInDemo("marc.martin"), sophie = try await client.logInDemo("sophie.bernard")
            let pages: [(String, LoggedIn?)] = [
                ("/auth/login", nil), ("/auth/activate", nil), ("/", marc), ("/profile", marc), ("/device", marc),
                ("/admin", sophie), ("/admin/audit", sophie), ("/no-such-page", marc),
            ]
            var stylesheets: Set<String> = [], icons: Set<String> = []
            for (path, caller) in pages {
                let response = try await client.get(path, headers: (caller?.headers ?? [:]).merging([.accept: "text/html"]))
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(path) has a CSP")
                #expect(
                    policy.contains("script-src 'none'") && policy.contains("frame-ancestors 'none'")
                        && policy.contains("object-src 'none'"))
                #expect(!policy.contains("unsafe-inline"), "\(path): no inline script or style is allowed wholesale")
                #expect(!response.text.contains("<script"), "\(path) has no script")
                // Each inline style of the page is allowed by its hash, and only those.
                for match in response.text.matches(of: /<style>([^<]*)<\/style>/) {
                    let hash = Data(SHA256.hash(data: Data(String(match.1).utf8))).base64EncodedString()
                    #expect(policy.contains("'sha256-\(hash)'"), "\(path): the style's hash is in the CSP")
                }
                #expect(response.headers[Self.referrer] == "same-origin" && response.headers[Self.nosniff] == "nosniff")
                #expect(response.headers[Self.frames] == "DENY")
                if caller != nil { #expect(response.headers[.cacheControl] == "no-store", "\(path): a logged-in page is never cached") }
                #expect(response.headers[Self.hsts] == nil, "no HSTS over plain http")
                // The shell's styles come from its one stylesheet, which the CSP allows as the portal's own.
                let link = try #require(
                    response.text.firstMatch(of: /<link rel="stylesheet" href="(\/assets\/portal-[0-9a-f]{12}\.css)">/),
                    "\(path) links the stylesheet")
                #expect(policy.contains("style-src 'self'"))
                stylesheets.insert(String(link.1))
                let icon = try #require(
                    response.text.firstMatch(of: /<link rel="icon" href="(\/assets\/icon-[0-9a-f]{12}\.svg)" type="image\/svg\+xml">/),
                    "\(path) links the portal's icon")
                icons.insert(String(icon.1))
            }
            // One icon for every tab and bookmark, an SVG served to anyone, cached for good.
            #expect(icons.count == 1)
            let icon = try await client.get(try #require(icons.first))
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml")
            #expect(icon.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(icon.text.hasPrefix("<svg") && icon.text.contains("<title>Cartable</title>"))
            // One stylesheet for every page, served to anyone (the login page needs it), cached for good.
            #expect(stylesheets.count == 1)
            let css = try await client.get(try #require(stylesheets.first))
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.text.contains(".visually-hidden{") && css.text.contains("outline:3px solid var(--focus)"))
            #expect(try await client.get("/assets/portal-000000000000.css").status == .notFound, "only the current version answers")
        }
    }

    @Test func httpsBringsHSTSAndHostPrefixedCookies() async throws {
        let workspace = try PluginWorkspace()
        try workspace.seedDemo()
        try await workspace.portal(publicURL: "https://ent.example.org").withClient { client in
            let login = try await client.get("/auth/login")
            #expect(login.headers[Self.hsts] == "max-age=31536000")
            let cookies = login.headers[values: .setCookie]
            #expect(
                cookies.contains {
                    $0.hasPrefix("__Host-cartable_csrf=") && $0.contains("Secure") && $0.contains("Path=/") && !$0.contains("Domain=")
                })
        }
    }

    @Test func aPluginCannotSetReservedHeadersAndNeverSeesTheCallersCredentials() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(publicRoutes: false))
        try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let reserved = try await client.get("/apps/probe/headers/reserved", headers: lea.headers)
            let json = try reserved.json()
            let denied = -4, invalid = -1  // CARTABLE_E_DENIED, CARTABLE_E_INVALID
            #expect(json["names"] as? [Int] == Array(repeating: denied, count: 12), "every reserved name is refused, whatever its case")
            #expect(json["values"] as? [Int] == [invalid, invalid, invalid], "CR, LF and NUL in a value are refused")
            #expect(json["name"] as? Int == invalid)
            for name in [
                "connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "set-cookie", "x-cr", "x-lf", "x-nul",
            ] {
                #expect(reserved.headers[HTTPField.Name(name)!] == nil, "\(name) did not reach the client")
            }
            // The plugin's own CSP is replaced by the host's sandbox.
            #expect(reserved.headers[.contentSecurityPolicy]?.hasPrefix("sandbox; default-src 'none'") == true)
            #expect(reserved.headers[Self.nosniff] == "nosniff")

            var headers = lea.headers
            headers[.authorization] = "Bearer secret-token"
            let seen = try await client.get("/apps/probe/headers/request", headers: headers).text.split(separator: ",").map(String.init)
            #expect(seen.contains("x-csrf-token") && !seen.contains("cookie") && !seen.contains("authorization"), "received: \(seen)")
        }
    }

    @Test func aPluginsManifestMayDeclareItsRawAnswersPolicy() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(rawPolicy: "default-src 'none'; img-src 'self'"))
        try await workspace.portal().withClient { client in
            let reserved = try await client.get("/apps/probe/headers/reserved")
            #expect(
                reserved.headers[.contentSecurityPolicy] == "default-src 'none'; img-src 'self'",
                "the manifest's, not the plugin's own header")
        }
    }
}
