// BlogSafetyTests: script injection through a blog's title, a post's Markdown, a comment and a public slug never reaches a page or a feed.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: hostile input is neutralised")
struct BlogSafetyTests {
    /// Markdown first (Ink stops parsing Markdown after a raw HTML block), then raw HTML.
    static let hostileBody = """
        Un paragraphe **honnête**, [un lien](javascript:alert('link')), [permis](https://example.org/) et ![image](https://example.org/ok.png).

        [encore](JAVASCRIPT:alert('caps')) [données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

        <script>alert('body')</script>

        <img src=x onerror="alert('img')">

        <a href="jav&#x09;ascript:alert('entity')">codé</a> <a href="https://example.org/" onmouseover="alert('over')">survol</a>

        <iframe src="https://evil.example/"></iframe>

        <svg onload=alert('svg')><circle r="5"/></svg>

        <p style="position:fixed" onclick="alert('click')">cliquable</p>

        <img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">
        """

    /// Markup that could run or restyle the page: script-like elements, event handlers, style
    /// attributes, dangerous URL schemes in links and images. Escaped text (`&lt;script&gt;`) is harmless.
    static var dangerous: [(String, Regex<AnyRegexOutput>)] {
        [
            ("a script-like element", try! Regex("<(script|iframe|svg|object|embed|style|math)\\b").ignoresCase()),
            ("an event handler", try! Regex("<[a-z][^>]*\\son[a-z]+\\s*=").ignoresCase()),
            ("a style attribute", try! Regex("<[a-z][^>]*\\sstyle\\s*=").ignoresCase()),
            ("a dangerous URL", try! Regex("(href|src)\\s*=\\s*[\"']?\\s*(javascript|vbscript|data):").ignoresCase()),
        ]
    }

    static func expectInert(_ html: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        // The portal's own <style> block and the header's icons are the shell's: look at the main content only.
        let body = html.range(of: "<main").map { String(html[$0.lowerBound...]) } ?? html
        for (what, pattern) in dangerous {
            #expect(body.firstMatch(of: pattern) == nil, "\(place) contains \(what)", sourceLocation: sourceLocation)
        }
        // A browser decodes entities in an attribute and ignores whitespace and control characters in a
        // scheme (`jav&#x09;ascript:`): read every link and source the way it does.
        for match in body.matches(of: /(?i)\s(?:href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/) {
            let value = decodeEntities(String(match.1).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
            let scheme = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
            for bad in ["javascript:", "vbscript:", "data:"] {
                #expect(!scheme.hasPrefix(bad), "\(place) links to \(bad) once decoded: \(match.1)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Named and numeric character references decoded as a browser does in an attribute.
    static func decodeEntities(_ text: String) -> String {
        var result = text
        for match in text.matches(of: /&#(x?)([0-9a-fA-F]+);?/).reversed() {
            let number = match.1.isEmpty ? UInt32(match.2) : UInt32(match.2, radix: 16)
            if let number, let scalar = Unicode.Scalar(number) { result.replaceSubrange(match.range, with: String(Character(scalar))) }
        }
        for (entity, character) in [
            ("&quot;", "\""), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&Tab;", "\t"), ("&NewLine;", "\n"), ("&colon;", ":"),
            ("&amp;", "&"),
        ] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }

    /// The HTML inside an Atom feed's <content> elements, unescaped as a feed reader does.
    static func feedContents(_ xml: String) -> String {
        xml.matches(of: /<content type="html">([^<]*)<\/content>/).map { match in
            String(match.1).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(
                    of: "&#39;", with: "'"
                ).replacingOccurrences(of: "&amp;", with: "&")
        }.joined(separator: "\n")
    }

    @Test func scriptsInTitlesBodiesAndCommentsAreEscapedOrRemoved() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog(
                "<script>alert('title')</script> Blog", as: paul, description: "<img src=x onerror=alert('d')>")
            let post = try await browser.write(
                "<img src=x onerror=alert('t')>Titre", body: Self.hostileBody, in: blog, as: paul, intent: "publish")
            let postPath = "/apps/blogs/blogs/\(blog)/posts/\(post)"
            #expect(
                try await browser.post(
                    "\(postPath)/comments", [("body", "<script>alert('comment')</script>\n<b onclick=x>gras</b>")], as: paul
                ).status == .seeOther)

            let home = try await browser.page("/apps/blogs/", as: paul)
            #expect(home.text.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Blog"))
            Self.expectInert(BlogBrowser.main(home), "the blog list")
            let blogPage = try await browser.page("/apps/blogs/blogs/\(blog)", as: paul)
            Self.expectInert(blogPage.text, "the blog page")
            let page = try await browser.page(postPath, as: paul)
            let main = BlogBrowser.main(page)
            Self.expectInert(page.text, "the post page")
            // What is safe survives: emphasis, the https link (with rel), the https image.
            #expect(main.contains("<strong>honnête</strong>"))
            #expect(main.contains("<a href=\"https://example.org/\" rel=\"nofollow noopener noreferrer\">permis</a>"))
            #expect(
                main.contains("<a href=\"https://example.org/\" rel=\"nofollow noopener noreferrer\">survol</a>"),
                "the link stays, its handler goes")
            // Another site's image becomes a link: readers' browsers do not fetch it (unless the authority allows, below).
            #expect(
                !main.contains("<img src=\"https://example.org/ok.png\"")
                    && main.contains(
                        "<a href=\"https://example.org/ok.png\" rel=\"nofollow noopener noreferrer\" class=\"external-image\">image</a>")
            )
            #expect(main.contains("&lt;script&gt;alert(&#39;comment&#39;)&lt;/script&gt;"), "a comment is text")
            let feed = try await browser.page("/apps/blogs/blogs/\(blog)/feed.atom", as: paul)
            #expect(feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let contents = Self.feedContents(feed.text)
            #expect(contents.contains("<strong>honnête</strong>"))
            Self.expectInert(contents, "the feed's content")
            #expect(!feed.text.contains("<img"), "titles and subtitles are text in the feed")
            let mine = try await browser.page("/apps/blogs/feed.atom", as: paul)
            Self.expectInert(Self.feedContents(mine.text), "the personal feed's content")
            // The region allows other sites' images: the image shows again, and the page's CSP lets it load.
            let region = try #require(
                try await kit.database.read { db in
                    try String.fetchOne(db, sql: "SELECT authority_id FROM schools WHERE uai = '0750001A'")
                })
            let nadia = try await client.logInDemo("nadia.benali")
            #expect(
                try await browser.post(
                    "/admin/settings", [("authority", region), ("plugin", "blogs"), ("s-public_blogs", "on"), ("s-external_images", "on")],
                    as: nadia
                ).status == .seeOther)
            let allowed = try await browser.page(postPath, as: paul)
            #expect(BlogBrowser.main(allowed).contains("<img src=\"https://example.org/ok.png\" alt=\"image\""))
            #expect(allowed.headers[.contentSecurityPolicy]?.contains("img-src 'self' data: https:") == true)
            // The same once public, for anonymous visitors.
            #expect(
                try await browser.post("/apps/blogs/blogs/\(blog)/public", [("public", "on"), ("slug", "hostile")], as: paul).status
                    == .seeOther)
            Self.expectInert(try await browser.page("/pub/blogs/hostile", as: nil).text, "the public blog page")
            Self.expectInert(try await browser.page("/pub/blogs/hostile/posts/\(post)", as: nil).text, "the public post page")
            Self.expectInert(Self.feedContents(try await browser.page("/pub/blogs/hostile/feed.atom", as: nil).text), "the public feed")
        }
    }

    @Test func aPostPastTheLimitIsRefusedWithoutEchoingItWhole() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog("Blog", as: paul)
            let huge = String(repeating: "a", count: 49_990) + String(repeating: "Z", count: 400_000)
            let refused = try await browser.post(
                "/apps/blogs/blogs/\(blog)/posts", [("title", "Trop long"), ("body", huge), ("intent", "draft")], as: paul)
            #expect(refused.status == .badRequest)
            #expect(
                refused.text.count < 120_000, "the editor keeps the first 50,000 characters, not the 450,000 sent: \(refused.text.count)")
            #expect(refused.text.contains(String(repeating: "a", count: 49_990) + "ZZZZZZZZZZ"), "what fits is kept for the author")
        }
    }

    @Test func aHostileSlugIsRefusedAndNotEchoedAsMarkup() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog("Blog public", as: paul)
            for slug in ["\"><script>alert(1)</script>", "javascript:alert(1)", "../../admin", "-tiret", "Majuscules", ""] {
                let response = try await browser.post("/apps/blogs/blogs/\(blog)/public", [("public", "on"), ("slug", slug)], as: paul)
                #expect(response.status == .badRequest, "\(slug): \(response.status)")
                #expect(response.text.contains("L&#39;adresse doit faire 1 à 60 caractères"))
                Self.expectInert(response.text, "the refusal of \(slug)")
            }
            let names = try await kit.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM public_names") }
            #expect(names == 0)
            // A hostile path under /pub/ is a plain 404.
            let probe = try await browser.page("/pub/blogs/%3Cscript%3Ealert(1)%3C%2Fscript%3E", as: nil)
            #expect(probe.status == .notFound)
            Self.expectInert(probe.text, "the 404")
        }
    }

    @Test func onlyRealImagesBecomeCovers() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            for (bytes, type) in [
                (Array("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".utf8), "image/svg+xml"),
                (Array("<html><script>alert(1)</script></html>".utf8), "image/png"),
            ] {
                let upload = TestImages.multipart(
                    csrf: paul.csrf, file: bytes, type: type, field: "cover", fields: [("title", "Avec image")])
                var headers = paul.headers
                headers[.contentType] = upload.contentType
                let response = try await client.execute(
                    uri: "/apps/blogs/blogs", method: .post, headers: headers, body: ByteBuffer(bytes: upload.body))
                #expect(response.status == .badRequest && response.text.contains("n&#39;est pas une image PNG, JPEG, GIF ou WebP"))
            }
            let upload = TestImages.multipart(
                csrf: paul.csrf, file: TestImages.png(), type: "image/png", field: "cover", fields: [("title", "Avec image")])
            var headers = paul.headers
            headers[.contentType] = upload.contentType
            let created = try await client.execute(
                uri: "/apps/blogs/blogs", method: .post, headers: headers, body: ByteBuffer(bytes: upload.body))
            let blog = try BlogBrowser.createdID(created)
            let cover = try await client.get("/apps/blogs/blogs/\(blog)/cover", headers: paul.headers)
            #expect(cover.status == .ok && cover.headers[.contentType] == "image/png")
            #expect(cover.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(Array(buffer: cover.body) == TestImages.png())
            let count = try await kit.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE plugin = 'blogs' AND collection = 'blogs'")
            }
            #expect(count == 1, "the refused uploads created nothing")
        }
    }
}
