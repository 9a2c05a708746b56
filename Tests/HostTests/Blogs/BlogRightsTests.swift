// BlogRightsTests: what the owner, a manager, a contributor, a commenter, a reader, an unrelated user of the school and a user of another school may do on a blog.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: the rights matrix")
struct BlogRightsTests {
    /// The columns, in order, and who plays them in the demo.
    static let people: [(role: String, login: String)] = [
        ("owner", "paul.durand"), ("manager", "sophie.bernard"), ("contributor", "lea.martin"), ("commenter", "chloe.petit"),
        ("reader", "marc.martin"), ("unrelated", "hugo.martin"), ("other school", "ines.moreau"),
    ]

    struct Row {
        let name: String
        /// One letter per person: Y allowed, N denied (403 or 404).
        let expected: String
        let run: @Sendable (BlogBrowser, LoggedIn, Setup) async throws -> TestResponse
    }

    struct Setup: Sendable {
        let blog: String
        let post: String
        let lea: LoggedIn
        var blogPath: String { "/apps/blogs/blogs/\(blog)" }
        var postPath: String { "\(blogPath)/posts/\(post)" }
    }

    static let rows: [Row] = [
        Row(name: "open the blog", expected: "Y Y Y Y Y N N") { browser, who, setup in try await browser.page(setup.blogPath, as: who) },
        Row(name: "read a published post", expected: "Y Y Y Y Y N N") { browser, who, setup in
            try await browser.page(setup.postPath, as: who)
        },
        Row(name: "read the blog's feed", expected: "Y Y Y Y Y N N") { browser, who, setup in
            try await browser.page("\(setup.blogPath)/feed.atom", as: who)
        },
        Row(name: "see the cover", expected: "Y Y Y Y Y N N") { browser, who, setup in
            try await browser.page("\(setup.blogPath)/cover", as: who)
        },
        Row(name: "comment", expected: "Y Y Y Y N N N") { browser, who, setup in
            try await browser.post("\(setup.postPath)/comments", [("body", "Bravo")], as: who)
        },
        Row(name: "open the post editor", expected: "Y Y Y N N N N") { browser, who, setup in
            try await browser.page("\(setup.blogPath)/posts/new", as: who)
        },
        Row(name: "write a post", expected: "Y Y Y N N N N") { browser, who, setup in
            try await browser.post("\(setup.blogPath)/posts", [("title", "Essai"), ("body", "…"), ("intent", "draft")], as: who)
        },
        Row(name: "publish a submitted post", expected: "Y Y N N N N N") { browser, who, setup in
            // A fresh post from Léa, submitted, for each caller.
            let submitted = try await browser.write("À publier", in: setup.blog, as: setup.lea, intent: "submit")
            return try await browser.post("\(setup.blogPath)/posts/\(submitted)/publish", [], as: who)
        },
        Row(name: "edit a published post", expected: "Y Y N N N N N") { browser, who, setup in
            try await browser.page("\(setup.postPath)/edit", as: who)
        },
        Row(name: "open the settings", expected: "Y Y N N N N N") { browser, who, setup in
            try await browser.page("\(setup.blogPath)/edit", as: who)
        },
        Row(name: "open the sharing page", expected: "Y Y N N N N N") { browser, who, setup in
            try await browser.page("\(setup.blogPath)/shares", as: who)
        },
        Row(name: "make the blog public", expected: "Y Y N N N N N") { browser, who, setup in
            try await browser.post("\(setup.blogPath)/public", [("public", "on"), ("slug", "blog-du-college")], as: who)
        },
        Row(name: "open the delete confirmation", expected: "Y Y N N N N N") { browser, who, setup in
            try await browser.page("\(setup.blogPath)/delete", as: who)
        },
    ]

    @Test func eachPersonGetsExactlyTheirCells() async throws {
        let kit = try BlogsTestKit()
        var ids: [String: String] = [:]
        for person in Self.people { ids[person.login] = try await kit.id(ofUser: person.login) }
        let people = ids
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            var sessions: [String: LoggedIn] = [:]
            for person in Self.people { sessions[person.login] = try await client.logInDemo(person.login) }
            let paul = try #require(sessions["paul.durand"]), lea = try #require(sessions["lea.martin"])
            let blog = try await browser.createBlog("Blog du collège", as: paul)
            for (login, right) in [
                ("sophie.bernard", "manage"), ("lea.martin", "contrib"), ("chloe.petit", "comment"), ("marc.martin", "read"),
            ] {
                #expect(try await browser.share(blog, with: "user:\(people[login] ?? "")", right: right, as: paul).status == .seeOther)
            }
            // Ines is a user of the lycée: a share to her from the collège is refused.
            #expect(
                try await browser.share(blog, with: "user:\(people["ines.moreau"] ?? "")", right: "read", as: paul).status == .badRequest)
            // A cover, so that reading it can be tested.
            let settings = try await browser.page("/apps/blogs/blogs/\(blog)/edit", as: paul)
            let version = try #require(settings.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            let upload = TestImages.multipart(
                csrf: paul.csrf, file: TestImages.png(), type: "image/png", field: "cover",
                fields: [("title", "Blog du collège"), ("description", ""), ("version", String(version))])
            var headers = paul.headers
            headers[.contentType] = upload.contentType
            let covered = try await client.execute(
                uri: "/apps/blogs/blogs/\(blog)", method: .post, headers: headers, body: ByteBuffer(bytes: upload.body))
            #expect(covered.status == .seeOther, "cover: \(covered.status) \(covered.text.prefix(200))")
            let post = try await browser.write("Rentrée", in: blog, as: paul, intent: "publish")
            let setup = Setup(blog: blog, post: post, lea: lea)

            var failures: [String] = []
            for (column, person) in Self.people.enumerated() {
                let session = try #require(sessions[person.login])
                for row in Self.rows {
                    let response = try await row.run(browser, session, setup)
                    let denied = response.status == .forbidden || response.status == .notFound
                    let allowed = response.status.code < 400
                    let wanted = row.expected.split(separator: " ")[column] == "Y"
                    if wanted ? !allowed : !denied {
                        failures.append(
                            "\(person.role) (\(person.login)) — \(row.name): \(response.status.code), \(wanted ? "should be allowed" : "should be denied")"
                        )
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")

            // Adding and withdrawing shares: managers only; the owner's own share stays.
            let relatives = try await kit.groupID(ofClass: try await kit.classID("3e A"), profile: "Relative")
            for person in Self.people.dropFirst(2) {
                let response = try await browser.share(
                    blog, with: "group:\(relatives)", right: "read", as: try #require(sessions[person.login]))
                #expect(response.status == .forbidden || response.status == .notFound, "\(person.role) shared: \(response.status)")
            }
            #expect(
                try await browser.share(blog, with: "group:\(relatives)", right: "read", as: try #require(sessions["sophie.bernard"]))
                    .status == .seeOther)
            let remove = try await browser.post(
                "/apps/blogs/blogs/\(blog)/shares/remove", [("kind", "user"), ("target", people["paul.durand"] ?? "")],
                as: try #require(sessions["sophie.bernard"]))
            #expect(remove.status == .badRequest && remove.text.contains("Le créateur du blog en reste gestionnaire."))
            #expect(
                try await browser.post(
                    "/apps/blogs/blogs/\(blog)/shares/remove", [("kind", "user"), ("target", people["marc.martin"] ?? "")],
                    as: try #require(sessions["sophie.bernard"])
                ).status == .seeOther)
            #expect(try await browser.page("/apps/blogs/blogs/\(blog)", as: try #require(sessions["marc.martin"])).status == .notFound)

            // Only those holding blogs.create (teachers and staff by default) create blogs.
            #expect(try await browser.post("/apps/blogs/blogs", [("title", "Mon blog")], as: lea).status == .forbidden)
            #expect(try await browser.page("/apps/blogs/new", as: lea).status == .forbidden)
        }
    }
}
