// BlogPublicTests: a public blog read without logging in at /pub/blogs/<slug>, private blogs unreachable, and the authority's setting forbidding public blogs.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: public and private")
struct BlogPublicTests {
    @Test func aPublicBlogShowsItsPublishedPostsAndApprovedCommentsToAnyone() async throws {
        let kit = try BlogsTestKit()
        let fourthA = try await kit.classID("4e A")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand"), lea = try await client.logInDemo("lea.martin")
            let blog = try await browser.createBlog("Blog de la 4e A", as: paul, classID: fourthA, moderated: true)
            let published = try await browser.write("Sortie au musée", in: blog, as: paul, intent: "publish")
            let draft = try await browser.write("Brouillon secret", in: blog, as: paul)
            let postPath = "/apps/blogs/blogs/\(blog)/posts/\(published)"
            // On a moderated blog Léa's comment waits; Paul's own shows at once.
            #expect(try await browser.post("\(postPath)/comments", [("body", "Commentaire en attente")], as: lea).status == .seeOther)
            #expect(try await browser.post("\(postPath)/comments", [("body", "Commentaire du professeur")], as: paul).status == .seeOther)
            #expect(
                try await browser.page("/", as: paul).text.contains(
                    "Léa Martin a commenté « Sortie au musée » : le commentaire attend votre approbation"))

            // Private: nothing under /pub/, and the app's pages send visitors to log in.
            #expect(try await browser.page("/pub/blogs/blog-4e-a", as: nil).status == .notFound)
            let anonymous = try await browser.page("/apps/blogs/blogs/\(blog)", as: nil)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/auth/login") == true)

            #expect(
                try await browser.post("/apps/blogs/blogs/\(blog)/public", [("public", "on"), ("slug", "blog-4e-a")], as: paul).status
                    == .seeOther)
            let page = try await browser.page("/pub/blogs/blog-4e-a", as: nil)
            #expect(page.status == .ok)
            // A visitor coming back revalidates: the same page is a 304 without a body; a new post changes the tag.
            let tag = try #require(page.headers[.eTag])
            let again = try await client.get("/pub/blogs/blog-4e-a", headers: [.accept: "text/html", .ifNoneMatch: tag])
            #expect(again.status == .notModified && again.body.readableBytes == 0 && again.headers[.eTag] == tag)
            let main = BlogBrowser.main(page)
            #expect(main.contains("Sortie au musée") && !main.contains("Brouillon secret"))
            #expect(main.contains("href=\"/pub/blogs/blog-4e-a/posts/\(published)\""))
            _ = try await browser.write("Deuxième sortie", in: blog, as: paul, intent: "publish")
            let changed = try await client.get("/pub/blogs/blog-4e-a", headers: [.accept: "text/html", .ifNoneMatch: tag])
            #expect(changed.status == .ok && changed.headers[.eTag] != tag && changed.text.contains("Deuxième sortie"))
            let post = BlogBrowser.main(try await browser.page("/pub/blogs/blog-4e-a/posts/\(published)", as: nil))
            #expect(
                post.contains("Commentaire du professeur") && !post.contains("Commentaire en attente"), "only approved comments are public")
            #expect(!post.contains("<form"), "nothing to post on a public page")
            #expect(try await browser.page("/pub/blogs/blog-4e-a/posts/\(draft)", as: nil).status == .notFound)
            let feed = try await browser.page("/pub/blogs/blog-4e-a/feed.atom", as: nil)
            #expect(feed.status == .ok && feed.text.contains("<title>Sortie au musée</title>") && !feed.text.contains("Brouillon secret"))
            // Everything else of the app stays behind the login.
            let privateFeed = try await browser.page("/apps/blogs/blogs/\(blog)/feed.atom", as: nil)
            #expect(
                privateFeed.status == .seeOther && privateFeed.headers[.location]?.hasPrefix("/auth/login") == true,
                "sent to log in: \(privateFeed.status)")

            // Private again: the address answers 404 at once.
            #expect(try await browser.post("/apps/blogs/blogs/\(blog)/public", [("public", "off")], as: paul).status == .seeOther)
            #expect(try await browser.page("/pub/blogs/blog-4e-a", as: nil).status == .notFound)
            #expect(try await browser.page("/pub/blogs/blog-4e-a/feed.atom", as: nil).status == .notFound)
        }
    }

    @Test func anAuthorityThatForbidsPublicBlogsClosesThemInAllItsSchools() async throws {
        let kit = try BlogsTestKit()
        let region = try #require(
            try await kit.database.read { db in
                try String.fetchOne(db, sql: "SELECT authority_id FROM schools WHERE uai = '0750001A'")
            })
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand"), nadia = try await client.logInDemo("nadia.benali")
            let blog = try await browser.createBlog("Blog ouvert", as: paul)
            _ = try await browser.write("Bonjour", in: blog, as: paul, intent: "publish")
            #expect(
                try await browser.post("/apps/blogs/blogs/\(blog)/public", [("public", "on"), ("slug", "blog-ouvert")], as: paul).status
                    == .seeOther)
            #expect(try await browser.page("/pub/blogs/blog-ouvert", as: nil).status == .ok)

            // The region's admin sees the setting, ticked by default, and unticks it.
            let settings = BlogBrowser.main(try await browser.page("/admin/settings", as: nadia))
            #expect(settings.contains("Autoriser les blogs publics (lisibles sans connexion)") && settings.contains("checked"))
            #expect(try await browser.post("/admin/settings", [("authority", region), ("plugin", "blogs")], as: nadia).status == .seeOther)
            #expect(try await browser.page("/pub/blogs/blog-ouvert", as: nil).status == .notFound)
            #expect(
                try await browser.page("/apps/blogs/blogs/\(blog)/edit", as: paul).text.contains(
                    "Votre collectivité n&#39;autorise pas les blogs publics."))
            let refused = try await browser.post("/apps/blogs/blogs/\(blog)/public", [("public", "on"), ("slug", "autre-nom")], as: paul)
            #expect(refused.status == .forbidden)
            // Teachers cannot change it; the region's admin ticks it again and the blog is back.
            #expect(
                try await browser.post("/admin/settings", [("authority", region), ("plugin", "blogs"), ("s-public_blogs", "on")], as: paul)
                    .status == .forbidden)
            #expect(
                try await browser.post(
                    "/admin/settings", [("authority", region), ("plugin", "blogs"), ("s-public_blogs", "on")], as: nadia
                ).status == .seeOther)
            #expect(try await browser.page("/pub/blogs/blog-ouvert", as: nil).status == .ok)
        }
    }

    @Test func aBlogThatGoesPrivateReleasesOnlyTheAddressItStillHolds() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let first = try await browser.createBlog("Premier blog", as: paul),
                second = try await browser.createBlog("Second blog", as: paul)
            #expect(
                try await browser.post("/apps/blogs/blogs/\(first)/public", [("public", "on"), ("slug", "sortie")], as: paul).status
                    == .seeOther)
            #expect(try await browser.post("/apps/blogs/blogs/\(first)/public", [("public", "off")], as: paul).status == .seeOther)
            // The second blog takes the freed address.
            #expect(
                try await browser.post("/apps/blogs/blogs/\(second)/public", [("public", "on"), ("slug", "sortie")], as: paul).status
                    == .seeOther)
            // The first, private already, is set private again, then public under another name: the second keeps "sortie".
            #expect(try await browser.post("/apps/blogs/blogs/\(first)/public", [("public", "off")], as: paul).status == .seeOther)
            #expect(
                try await browser.post("/apps/blogs/blogs/\(first)/public", [("public", "on"), ("slug", "premier")], as: paul).status
                    == .seeOther)
            #expect(try await browser.page("/pub/blogs/sortie", as: nil).text.contains("<h1>Second blog</h1>"))
            // Deleting the first blog leaves the second's address alone too.
            #expect(try await browser.post("/apps/blogs/blogs/\(first)/public", [("public", "off")], as: paul).status == .seeOther)
            #expect(try await browser.post("/apps/blogs/blogs/\(first)/delete", [("confirm", "on")], as: paul).status == .seeOther)
            #expect(try await browser.page("/pub/blogs/sortie", as: nil).status == .ok)
            let holders = try await kit.database.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM public_names ORDER BY name")
            }
            #expect(holders == ["sortie"])
        }
    }

    @Test func aPublicAddressBelongsToOneSchool() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let college = try await browser.createBlog("Blog du collège", as: paul)
            #expect(
                try await browser.post("/apps/blogs/blogs/\(college)/public", [("public", "on"), ("slug", "journal")], as: paul).status
                    == .seeOther)
            // Another blog of the same school cannot take it either.
            let second = try await browser.createBlog("Autre blog", as: paul)
            #expect(
                try await browser.post("/apps/blogs/blogs/\(second)/public", [("public", "on"), ("slug", "journal")], as: paul).status
                    == .conflict)
            // Paul switches to the lycée, where the same address is taken.
            #expect(try await browser.post("/auth/school", [("school", "0750002B")], as: paul).status == .seeOther)
            let lycee = try await browser.createBlog("Blog du lycée", as: paul)
            let taken = try await browser.post("/apps/blogs/blogs/\(lycee)/public", [("public", "on"), ("slug", "journal")], as: paul)
            #expect(taken.status == .conflict && taken.text.contains("Cette adresse est déjà prise"))
            #expect(
                try await browser.post("/apps/blogs/blogs/\(lycee)/public", [("public", "on"), ("slug", "journal-du-lycee")], as: paul)
                    .status == .seeOther)
            #expect(try await browser.page("/pub/blogs/journal", as: nil).text.contains("<h1>Blog du collège</h1>"))
            #expect(try await browser.page("/pub/blogs/journal-du-lycee", as: nil).text.contains("<h1>Blog du lycée</h1>"))
        }
    }
}
