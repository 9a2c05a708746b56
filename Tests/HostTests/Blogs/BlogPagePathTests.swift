// BlogPagePathTests: a warm blog post page and a warm home page, through the real host and the blogs plugin, compile no SQL statement (SQLite) and prepare or plan none (PostgreSQL).
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: the page path")
struct BlogPagePathTests {
    /// Compiling a statement (SQLite's parser, GRDB's checks) was a tenth of this page's time:
    /// every text the page runs — the session's, the shell's, the plugin's store reads and
    /// share checks, the request's BEGIN and COMMIT — is compiled once per connection and kept.
    @Test(.enabled(if: TestEngine.current == .sqlite, "SQLite compiles statements on its connections; PostgreSQL's server parses them"))
    func aWarmPostPageCompilesNoStatement() async throws {
        let kit = try BlogsTestKit()
        let compilations = try #require(kit.database.sqlite?.compilations)
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let path = try await publishedPost(browser, as: paul, comments: 3)
            for _ in 1...4 {
                let page = try await browser.page(path, as: paul)
                #expect(page.status == .ok && page.text.contains("Commentaire 3"))
            }
            // The count works: a text never run before is one compilation.
            let beforeProbe = compilations.total
            _ = try await kit.database.read { db in try db.rows(sql: "SELECT 1 AS probe_\(UUID().uuidString.prefix(8))", arguments: []) }
            #expect(compilations.total == beforeProbe + 1)
            let warm = compilations.total
            for _ in 1...3 {
                #expect(try await browser.page(path, as: paul).status == .ok)
            }
            #expect(compilations.total == warm, "statements compiled on a warm page: \(compilations.total - warm)")
        }
    }

    /// The home page asks every app for its cards (each call in a request scope of its own) and
    /// reads the timeline: warm, it compiles nothing either.
    @Test(.enabled(if: TestEngine.current == .sqlite, "SQLite compiles statements on its connections; PostgreSQL's server parses them"))
    func aWarmHomePageCompilesNoStatement() async throws {
        let kit = try BlogsTestKit()
        let compilations = try #require(kit.database.sqlite?.compilations)
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            _ = try await publishedPost(browser, as: paul, comments: 0)
            for _ in 1...4 {
                let home = try await browser.page("/", as: paul)
                #expect(home.status == .ok && home.text.contains("Une journée au musée"))
            }
            let warm = compilations.total
            for _ in 1...3 {
                #expect(try await browser.page("/", as: paul).status == .ok)
            }
            #expect(compilations.total == warm, "statements compiled on a warm home page: \(compilations.total - warm)")
        }
    }

    /// On PostgreSQL every read of both pages runs as a statement its connection prepared: a warm
    /// page prepares none and sends none by its text (which the server would parse and plan again).
    @Test(.enabled(if: TestEngine.current == .postgres, "prepared statements are PostgreSQL's"))
    func warmPagesOnPostgreSQLPrepareNothingAndSendNoReadByItsText() async throws {
        let kit = try BlogsTestKit()
        let counts = try #require(kit.database.postgres?.statementCounts)
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let path = try await publishedPost(browser, as: paul, comments: 1)
            // Warm: each page often enough for every connection of the pool to have prepared its reads.
            for _ in 1...20 {
                #expect(try await browser.page(path, as: paul).status == .ok)
                #expect(try await browser.page("/", as: paul).status == .ok)
            }
            let (prepared, byText) = (counts.prepared, counts.readsByText)
            #expect(prepared > 0)
            for _ in 1...3 {
                #expect(try await browser.page(path, as: paul).status == .ok)
                #expect(try await browser.page("/", as: paul).status == .ok)
            }
            #expect(counts.prepared == prepared, "statements prepared on warm pages: \(counts.prepared - prepared)")
            #expect(counts.readsByText == byText, "reads sent by their text on warm pages: \(counts.readsByText - byText)")
        }
    }

    /// Paul's published post with `comments` comments; its path.
    private func publishedPost(_ browser: BlogBrowser, as paul: LoggedIn, comments: Int) async throws -> String {
        let blog = try await browser.createBlog("Blog de la classe", as: paul)
        let post = try await browser.write(
            "Une journée au musée", body: "## Le musée\n\nNous avons vu **le pendule**.", in: blog, as: paul, intent: "publish")
        let path = "/apps/blogs/blogs/\(blog)/posts/\(post)"
        for index in 0..<comments {
            #expect(try await browser.post("\(path)/comments", [("body", "Commentaire \(index + 1)")], as: paul).status == .seeOther)
        }
        return path
    }
}
