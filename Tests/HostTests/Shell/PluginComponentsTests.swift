// PluginComponentsTests: plugin pages are drawn with PluginKit's components (the portal's cards, buttons, fields, empty states, pager) and plugins' own CSS stays inside their content.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Plugin pages look like the portal")
struct PluginComponentsTests {
    /// The selectors of a stylesheet, comments and at-rules' own lines left out.
    static func selectors(of css: String) -> [String] {
        let uncommented = css.replacingOccurrences(of: "/\\*[\\s\\S]*?\\*/", with: "", options: .regularExpression)
        return uncommented.components(separatedBy: "}").flatMap { block -> [String] in
            guard let brace = block.firstIndex(of: "{") else { return [] }
            let head = block[..<brace].trimmingCharacters(in: .whitespacesAndNewlines)
            if head.hasPrefix("@") { return [] }
            return head.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    @Test func everyShippedPluginStylesheetStaysInsideItsContent() throws {
        let bundles = [("blogs", "Plugins/blogs"), ("notes", "plugin-template/swift"), ("hello-c", "plugin-template/c")]
        for (id, folder) in bundles {
            let assets = TestPaths.repository.appendingPathComponent("\(folder)/assets")
            let files = try FileManager.default.contentsOfDirectory(atPath: assets.path).filter { $0.hasSuffix(".css") }
            #expect(!files.isEmpty, "\(id) ships a stylesheet")
            for file in files {
                let css = try String(contentsOf: assets.appendingPathComponent(file), encoding: .utf8)
                for selector in Self.selectors(of: css) {
                    #expect(
                        selector.hasPrefix(".app-\(id) ") || selector == ".app-\(id)", "\(id)/\(file): '\(selector)' styles the portal too")
                }
            }
        }
    }

    @Test func aNewUsersNotesPageSaysWhatToDoAndALongListPages() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        try workspace.seedDemo()
        try await workspace.portal().withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let empty = try await client.get("/apps/notes/", headers: lea.headers).text
            #expect(empty.contains("class=\"empty-state\"") && empty.contains("Aucune note pour l&#39;instant."), "the empty list says so")
            #expect(empty.contains("vous pourrez la partager avec une classe"), "and what a note is for")
            #expect(empty.contains("<a class=\"button primary\" href=\"/apps/notes/new\">Nouvelle note</a>"), "with the action as a button")
            #expect(!empty.contains("rel=\"next\""), "one page has no pager")

            let form = try await client.get("/apps/notes/new", headers: lea.headers).text
            #expect(
                form.contains("<p class=\"field\"><label for=\"title\">Titre</label><input id=\"title\" name=\"title\""), "a labelled field"
            )
            let refused = try await client.post("/apps/notes/notes", "_csrf=\(lea.csrf)&title=&body=x", headers: lea.form)
            #expect(refused.status == .badRequest && refused.text.contains("role=\"alert\""), "a refused form says why")

            for index in 1...21 {
                _ = try await client.post("/apps/notes/notes", "_csrf=\(lea.csrf)&title=Note+\(index)&body=", headers: lea.form)
            }
            let full = try await client.get("/apps/notes/", headers: lea.headers).text
            #expect(
                full.contains("<nav class=\"pager\" aria-label=\"Pages\">") && full.contains("rel=\"next\""), "21 notes need a second page")
            #expect(full.contains("class=\"card\""), "the list sits in a card")
        }
    }
}
