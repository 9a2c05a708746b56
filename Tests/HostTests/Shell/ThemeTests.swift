// ThemeTests: each authority's logo and colours from the themes folder, refused at start when white text would be hard to read.
import Foundation
import HostDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Themes per authority")
struct ThemeTests {
    static let demoThemes = TestPaths.repository.appendingPathComponent("themes/demo", isDirectory: true)

    @Test func usersOfAThemedAuthoritySeeItsLogoAndColours() async throws {
        let workspace = try PluginWorkspace()
        let database = try workspace.seedDemo()
        let other = try Directory(database: database).createAuthority(name: "Sans thème")
        try Directory(database: database).createSchool(uai: "0930001C", name: "Collège sans thème", authority: other)
        try await workspace.portal(themes: Self.demoThemes).withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let home = try await client.get("/", headers: lea.headers).text
            #expect(home.contains("<style>:root{--primary:#14532d;--accent:#fbbf24}</style>"))
            #expect(home.contains("<img src=\"/themes/region-demo.svg\" alt=\"\" height=\"32\">"))
            let logo = try await client.get("/themes/region-demo.svg")
            #expect(
                logo.status == .ok && logo.headers[.contentType] == "image/svg+xml"
                    && logo.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
            for path in ["/themes/themes.json", "/themes/..%2Fthemes.json", "/themes/missing.svg"] {
                #expect(try await client.get(path).status == .notFound, "\(path) is not a logo")
            }
            // Anonymous pages keep the default look.
            #expect(!(try await client.get("/auth/login").text.contains("<style>:root{--primary")))
        }
    }

    @Test func aThemeWithUnreadableColoursOrAMissingLogoStopsTheStart() throws {
        let folder = try TestPaths.scratch("themes")
        for (json, reason) in [
            (##"{"Région Démo": {"primary": "#9ad0ff", "accent": "#000000"}}"##, "below 4.5:1"),
            (##"{"Région Démo": {"primary": "blue", "accent": "#000000"}}"##, "is not a #rrggbb colour"),
            (##"{"Région Démo": {"logo": "absent.svg", "primary": "#14532d", "accent": "#000000"}}"##, "is not a file of"),
            (##"["Région Démo"]"##, "is not {"),
        ] {
            try json.write(to: folder.appendingPathComponent("themes.json"), atomically: true, encoding: .utf8)
            #expect { try Themes.load(folder: folder) } throws: { "\($0)".contains(reason) }
        }
    }
}
