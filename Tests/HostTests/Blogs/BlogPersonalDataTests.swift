// BlogPersonalDataTests: a person's blogs, posts and comments in their data export; their erasure when a school admin anonymizes them; the demo's class blogs.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Blogs: personal data and demo content")
struct BlogPersonalDataTests {
    @Test func exportListsWhatSomeoneWroteAndErasureKeepsTheClassBlogUnsigned() async throws {
        let kit = try BlogsTestKit()
        let fourthA = try await kit.classID("4e A")
        let leaID = try await kit.id(ofUser: "lea.martin")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand"), lea = try await client.logInDemo("lea.martin")
            let blog = try await browser.createBlog("Blog de la 4e A", as: paul, classID: fourthA, studentRight: "contrib")
            let submitted = try await browser.write("Mon exposé", body: "Les volcans d'Auvergne.", in: blog, as: lea, intent: "submit")
            #expect(try await browser.post("/apps/blogs/blogs/\(blog)/posts/\(submitted)/publish", [], as: paul).status == .seeOther)
            let draft = try await browser.write("Brouillon de Léa", in: blog, as: lea)
            let teacherPost = try await browser.write("Consignes", in: blog, as: paul, intent: "publish")
            #expect(
                try await browser.post(
                    "/apps/blogs/blogs/\(blog)/posts/\(teacherPost)/comments", [("body", "J'ai compris, merci.")], as: lea
                ).status == .seeOther)
            #expect(
                try await browser.post("/apps/blogs/blogs/\(blog)/posts/\(submitted)/comments", [("body", "Très bel exposé.")], as: paul)
                    .status == .seeOther)

            // Her export holds her posts and her comment.
            let export = try await client.get("/profile/export", headers: lea.headers)
            let json = try export.json()
            let plugins = try #require(json["plugins"] as? [String: Any])
            let entries = try #require(plugins["blogs"] as? [[String: Any]])
            let data = try #require(entries.first { $0["school"] as? String == "0750001A" }?["data"] as? [String: Any])
            let posts = try #require(data["posts"] as? [[String: Any]])
            #expect(Set(posts.compactMap { $0["title"] as? String }) == ["Mon exposé", "Brouillon de Léa"])
            #expect(posts.contains { $0["blog"] as? String == "Blog de la 4e A" && $0["state"] as? String == "published" })
            let comments = try #require(data["comments"] as? [[String: Any]])
            #expect(
                comments.count == 1 && comments.first?["body"] as? String == "J'ai compris, merci."
                    && comments.first?["post"] as? String == "Consignes")

            // The collège's admin anonymizes her: her comment and draft are deleted; her published post stays, unsigned, with its comments.
            let sophie = try await client.logInDemo("sophie.bernard")
            #expect(try await client.post("/admin/users/\(leaID)/anonymize", "confirm=1", headers: sophie.form).status == .ok)
            let post = BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)/posts/\(submitted)", as: paul))
            #expect(post.contains("Par Ancien membre") && post.contains("Les volcans d'Auvergne.") && post.contains("Très bel exposé."))
            #expect(!post.contains("Léa Martin"))
            #expect(
                !BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)/posts/\(teacherPost)", as: paul)).contains(
                    "J&#39;ai compris"))
            let stored = try await kit.database.read { db in
                try String.fetchAll(db, sql: "SELECT body FROM documents WHERE plugin = 'blogs'")
            }
            #expect(!stored.contains { $0.contains(leaID) || $0.contains("Léa Martin") }, "nothing in the store names her")
            #expect(!stored.contains { $0.contains("Brouillon de Léa") }, "her draft is gone")
            _ = draft
        }
    }

    @Test func theDemoHasAClassBlogWithPostsInBothSchoolsCreatedOnce() async throws {
        let kit = try BlogsTestKit()
        let seeded = try await kit.portal.seedDemoContent()
        #expect(Set(seeded.map(\.school)) == ["0750001A", "0750002B"])
        #expect(try await kit.portal.seedDemoContent().isEmpty, "a second start adds nothing")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            for (login, title) in [("lea.martin", "Le blog de la 4e A"), ("ines.moreau", "Le blog de la 2nde 1")] {
                let who = try await client.logInDemo(login)
                let home = BlogBrowser.main(try await browser.page("/apps/blogs/", as: who))
                #expect(home.contains(title), "\(login) reads her class blog: \(home)")
                let blog = try #require(home.firstMatch(of: /\/apps\/blogs\/blogs\/([0-9a-f-]+)/)?.1)
                let page = BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)", as: who))
                #expect(page.contains("Bienvenue sur le blog de la classe") && page.contains("Sortie au musée"))
            }
        }
    }
}
