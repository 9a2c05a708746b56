// PluginRoutingTests: requests through HTTP to real Swift and C plugins, and the host's checks before them.
import Foundation
import HostDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Plugin routing over HTTP")
struct PluginRoutingTests {
    @Test func swiftPluginAnswersJSONThroughTheABI() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try await workspace.portal().withClient { client in
            let response = try await client.post("/apps/notes/api/echo", #"{"message":"Bonjour <b>"}"#)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try response.json()["echo"] as? String == "Bonjour <b>")
            let bad = try await client.post("/apps/notes/api/echo", "not json")
            #expect(bad.status == .badRequest)
            #expect((try bad.json()["error"] as? String ?? "").contains("not the expected JSON"))
        }
    }

    @Test func cPluginAnswersJSONAndFragments() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("hello-c")
        try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let echo = try await client.post("/apps/hello-c/api/echo", #"{"message":"salut"}"#)
            #expect(echo.text == #"{"echo":"salut","plugin":"hello-c"}"#, "the echo route is public")
            // Its page is for teachers and staff (the manifest's hello-c.visit): a student is refused.
            let paul = try await client.logInDemo("paul.durand"), lea = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/apps/hello-c/", headers: lea.headers).status == .forbidden)
            let first = try await client.get("/apps/hello-c/", headers: paul.headers)
            #expect(first.headers[.contentType] == "text/html; charset=utf-8")
            #expect(first.text.contains("<html lang=\"fr\">"))
            #expect(first.text.contains("<h1>Bonjour en C</h1>"))
            #expect(first.text.contains("affichée 1 fois"))
            var english = paul.headers
            english[.acceptLanguage] = "en-GB,en;q=0.9,fr;q=0.5"
            let second = try await client.get("/apps/hello-c/", headers: english)
            #expect(second.text.contains("<html lang=\"en\">"))
            #expect(second.text.contains("shown 2 times"), "the C plugin's counter is kept in the store")
        }
    }

    @Test func notesTemplateCreatesListsAndEditsWithConflicts() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let anonymous = try await client.get("/apps/notes/")
            #expect(anonymous.status == .unauthorized, "the notes routes need a user")
            #expect(
                try anonymous.json()["error"] as? String == "Connectez-vous pour utiliser cette application : cette page demande un compte."
            )
            let lea = try await client.logInDemo("lea.martin")
            let form = lea.form
            let created = try await client.post(
                "/apps/notes/notes", "title=Sortie+au+mus%C3%A9e&body=<script>alert(1)</script>", headers: form)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/apps/notes/")
            let list = try await client.get("/apps/notes/api/notes", headers: lea.headers)
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.count == 1)
            let id = try #require(items.first?["id"] as? String)
            #expect(items.first?["title"] as? String == "Sortie au musée")

            let edit = try await client.get("/apps/notes/notes/\(id)", headers: lea.headers)
            #expect(edit.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "user text is escaped")
            #expect(!edit.text.contains("<script>alert(1)"))

            let saved = try await client.post("/apps/notes/notes/\(id)", "version=1&title=Sortie&body=ok", headers: form)
            #expect(saved.status == .seeOther)
            let stale = try await client.post("/apps/notes/notes/\(id)", "version=1&title=Autre&body=mine", headers: form)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Quelqu&#39;un a modifié cette note"))
            #expect(stale.text.contains("value=\"Autre\""), "the user's text is kept")
            let after = try await client.get("/apps/notes/api/notes", headers: lea.headers)
            #expect((try after.json()["items"] as? [[String: Any]])?.first?["title"] as? String == "Sortie")

            let empty = try await client.post("/apps/notes/notes", "title=&body=x", headers: form)
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Le titre est obligatoire."))

            // Another pupil of the same school neither lists nor opens Léa's note.
            let chloe = try await client.logInDemo("chloe.petit")
            let theirs = try await client.get("/apps/notes/api/notes", headers: chloe.headers)
            #expect((try theirs.json()["items"] as? [Any])?.isEmpty == true)
            #expect(try await client.get("/apps/notes/notes/\(id)", headers: chloe.headers).status == .notFound)
            let overwrite = try await client.post("/apps/notes/notes/\(id)", "version=2&title=Pirate&body=x", headers: chloe.form)
            #expect(overwrite.status == .notFound)
        }
    }

    @Test func fragmentsAreWrappedAndRawBytesPassThrough() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "probe", settings: #"{"colour": "blue"}"#))
        try await workspace.portal().withClient { client in
            let page = try await client.get("/apps/probe/fragment")
            #expect(page.text.hasPrefix("<!DOCTYPE html>"))
            #expect(
                page.text.contains("<title>Probe &lt;title&gt; · Probe probe · Cartable</title>"),
                "the plugin's title is escaped, then the app and the portal")
            #expect(page.text.contains("<p class=\"probe\">fragment &amp; text</p>"), "the fragment is kept as sent")
            #expect(page.text.contains("<main id=\"main\""))

            let raw = try await client.post("/apps/probe/whoami?x=1", "abc")
            let json = try raw.json()
            #expect(json["method"] as? String == "POST")
            #expect(json["query"] as? String == "x=1")
            #expect(json["body_len"] as? Int == 3)
            #expect(json["base"] as? String == "/apps/probe")
            #expect(json["locale"] as? String == "fr")
            #expect((json["settings"] as? [String: Any])?["colour"] as? String == "blue")

            let header = try await client.get("/apps/probe/header")
            #expect(header.status == .created)
            #expect(header.headers[HTTPField.Name("x-probe")!] == "yes")
            #expect(!(header.headers[.setCookie] ?? "").contains("a=b"), "plugins cannot set cookies")
            #expect(try header.json()["set_cookie"] as? Int == -4)

            let refused = try await client.get("/apps/probe/fail")
            #expect(refused.status == .forbidden)
            #expect(try refused.json()["error"] as? String == "the probe refuses this on purpose")
        }
    }

    @Test func unknownPluginsAndUndeclaredRoutesGet404BeforeThePluginRuns() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "declared", routes: [("GET", "/whoami"), ("POST", "/store/*")]))
        try await workspace.portal().withClient { client in
            let missing = try await client.get("/apps/nothing/")
            #expect(missing.status == .notFound)
            #expect(try missing.json()["error"] as? String == "Aucune application « nothing » n'est installée.")
            let undeclared = try await client.get("/apps/declared/fragment")
            #expect(undeclared.status == .notFound)
            #expect(try undeclared.json()["error"] as? String == "L'application « declared » ne propose pas GET /fragment.")
            let wrongMethod = try await client.post("/apps/declared/whoami", "")
            #expect(wrongMethod.status == .notFound)
            let allowed = try await client.get("/apps/declared/whoami")
            #expect(try allowed.json()["calls"] as? Int == 1, "only the declared route reached the plugin")
        }
    }

    @Test func oversizedBodiesGet413BeforeThePluginRuns() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe()
        try await workspace.portal(maxBodyBytes: 1024).withClient { client in
            let big = try await client.post("/apps/probe/whoami", String(repeating: "x", count: 4096))
            #expect(big.status == .contentTooLarge)
            #expect(try big.json()["error"] as? String == "Le corps de la requête dépasse la limite de 1024 octets.")
            let fits = try await client.post("/apps/probe/whoami", String(repeating: "x", count: 1024))
            #expect(fits.status == .ok)
            #expect(try fits.json()["calls"] as? Int == 1, "the oversized request never reached the plugin")
        }
    }

    @Test(arguments: [
        "/apps/hello-c/assets/..%2Fmanifest.json",
        "/apps/hello-c/assets/%2E%2E/manifest.json",
        "/apps/hello-c/assets/..%2F..%2F..%2Fetc%2Fpasswd",
        "/apps/hello-c/assets/%2e%2e%2flibhello-c.so",
    ])
    func assetPathsThatEscapeAreRefused(uri: String) async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("hello-c")
        try await workspace.portal().withClient { client in
            let response = try await client.get(uri)
            #expect(response.status == .badRequest || response.status == .notFound, "\(uri) -> \(response.status)")
            #expect(!response.text.contains("sha256"))
            #expect(!response.text.contains("root:"))
        }
    }

    @Test func assetsAreServedWithTheirType() async throws {
        let workspace = try PluginWorkspace()
        let bundle = try workspace.installBuilt("hello-c")
        // A symlink inside assets/ that points outside the folder is refused too.
        try FileManager.default.createSymbolicLink(
            at: bundle.appendingPathComponent("assets/escape.json"), withDestinationURL: bundle.appendingPathComponent("manifest.json"))
        try await workspace.portal().withClient { client in
            let css = try await client.get("/apps/hello-c/assets/hello.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("font-size"))
            // Revalidated after its hour: the same file is a 304 without a body, another tag gets the file.
            let tag = try #require(css.headers[.eTag])
            let unchanged = try await client.get("/apps/hello-c/assets/hello.css", headers: [.ifNoneMatch: "\"autre\", W/\(tag)"])
            #expect(unchanged.status == .notModified && unchanged.body.readableBytes == 0 && unchanged.headers[.eTag] == tag)
            #expect(unchanged.headers[.cacheControl] == "public, max-age=3600")
            #expect(try await client.get("/apps/hello-c/assets/hello.css", headers: [.ifNoneMatch: "\"autre\""]).status == .ok)
            #expect(try await client.get("/apps/hello-c/assets/missing.css").status == .notFound)
            let escape = try await client.get("/apps/hello-c/assets/escape.json")
            #expect(escape.status == .badRequest)
        }
    }

    @Test func twoHundredConcurrentRequestsAreAllAnsweredCorrectly() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.installBuilt("hello-c")
        try await workspace.portal().withClient { client in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let plugin = index.isMultiple(of: 2) ? "notes" : "hello-c"
                        let response = try await client.post("/apps/\(plugin)/api/echo", #"{"message":"m\#(index)"}"#)
                        let json = try response.json()
                        return response.status == .ok && json["echo"] as? String == "m\(index)" && json["plugin"] as? String == plugin
                    }
                }
                var correct = 0
                for try await ok in group where ok { correct += 1 }
                #expect(correct == 200)
            }
        }
    }

    @Test func healthNamesLoadedAndRefusedPlugins() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "fine"))
        try workspace.installProbe(ProbeOptions(id: "future", defines: ["PROBE_ABI_MAJOR=2"], manifestABI: "2.0"))
        try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            let plugins = try #require(try response.json()["plugins"] as? [String: Any])
            let loaded = try #require(plugins["loaded"] as? [[String: Any]])
            let refused = try #require(plugins["refused"] as? [[String: Any]])
            #expect(loaded.map { $0["id"] as? String } == ["fine"])
            #expect(refused.map { $0["id"] as? String } == ["future"])
            #expect(refused.first?["reason"] == nil, "why (which may name the server's files) is not for anonymous callers")
            let platform = try await client.logIn("admin.plateforme", password: DemoSeed.password)
            let detailed = try await client.get("/healthz", headers: [.cookie: platform.cookie]).json()
            let reasons = ((detailed["plugins"] as? [String: Any])?["refused"] as? [[String: Any]])?.compactMap { $0["reason"] as? String }
            #expect(reasons?.first?.hasPrefix("built for ABI 2.x") == true, "the platform's admin reads it")
            let home = try await client.get("/")
            #expect(
                home.text.contains(
                    "<a href=\"/apps/fine/\"><span class=\"app-initial size-48\" aria-hidden=\"true\">P</span><span>Probe fine</span></a>"))
        }
    }
}
