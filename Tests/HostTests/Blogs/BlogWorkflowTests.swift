// BlogWorkflowTests: draft, submit, send back, publish and edit a post in a class blog, with the timeline entries each step makes.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: the publishing workflow")
struct BlogWorkflowTests {
    @Test func aStudentsPostGoesFromDraftToSubmittedToSentBackToPublished() async throws {
        let kit = try BlogsTestKit()
        let fourthA = try await kit.classID("4e A")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand"), lea = try await client.logInDemo("lea.martin")
            let marc = try await client.logInDemo("marc.martin"), hugo = try await client.logInDemo("hugo.martin")
            try await ChildInViewTests.view(try await kit.id(ofUser: "lea.martin"), as: marc, client)  // her father reads her class
            let blog = try await browser.createBlog("Blog de la 4e A", as: paul, classID: fourthA, studentRight: "contrib")

            // Léa drafts: only she sees it.
            let post = try await browser.write("Notre sortie", body: "Nous sommes allés **au musée**.", in: blog, as: lea)
            let postPath = "/apps/blogs/blogs/\(blog)/posts/\(post)"
            #expect(try await browser.page(postPath, as: lea).status == .ok)
            #expect(try await browser.page(postPath, as: paul).status == .notFound, "a draft is its author's")
            #expect(!BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)", as: paul)).contains("Notre sortie"))

            // She submits it: Paul has it to review and is told on his timeline.
            #expect(try await browser.post("\(postPath)/submit", [], as: lea).status == .seeOther)
            let review = BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)", as: paul))
            #expect(review.contains("Billets à relire") && review.contains("Notre sortie"))
            #expect(
                try await browser.page("/", as: paul).text.contains(
                    "Léa Martin propose le billet « Notre sortie » sur le blog « Blog de la 4e A »"))
            #expect(try await browser.page(postPath, as: marc).status == .notFound, "readers see published posts only")
            // A contributor cannot publish her own post.
            #expect(try await browser.post("\(postPath)/publish", [], as: lea).status == .forbidden)

            // Paul sends it back with a note: Léa reads the note and is told.
            #expect(try await browser.post("\(postPath)/return", [("note", "")], as: paul).status == .badRequest, "a note is required")
            #expect(
                try await browser.post("\(postPath)/return", [("note", "Ajoute une photo <b>et</b> la date.")], as: paul).status
                    == .seeOther)
            let returned = BlogBrowser.main(try await browser.page(postPath, as: lea))
            #expect(returned.contains("Renvoyé à l&#39;auteur") && returned.contains("Ajoute une photo &lt;b&gt;et&lt;/b&gt; la date."))
            #expect(try await browser.page("/", as: lea).text.contains("Paul Durand vous a renvoyé le billet « Notre sortie »"))

            // She edits and submits again; Paul publishes.
            let edit = try await browser.page("\(postPath)/edit", as: lea)
            let version = try #require(edit.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            #expect(
                try await browser.post(
                    postPath,
                    [
                        ("version", String(version)), ("title", "Notre sortie au musée"),
                        ("body", "Nous sommes allés **au musée** le 12 mars."), ("intent", "submit"),
                    ], as: lea
                ).status == .seeOther)
            #expect(try await browser.post("\(postPath)/publish", [], as: paul).status == .seeOther)

            // Readers see it (parents of the class), and the published entry reaches their timeline; Hugo (4e B) sees neither.
            let published = BlogBrowser.main(try await browser.page(postPath, as: marc))
            #expect(published.contains("<strong>au musée</strong>") && published.contains("Par Léa Martin"))
            #expect(
                try await browser.page("/", as: marc).text.contains(
                    "Paul Durand a publié « Notre sortie au musée » sur le blog « Blog de la 4e A »"))
            #expect(try await browser.page(postPath, as: hugo).status == .notFound)
            #expect(!(try await browser.page("/", as: hugo).text.contains("Notre sortie")))
            // Once published, its author can no longer change it; a manager can, and the page says when.
            #expect(try await browser.page("\(postPath)/edit", as: lea).status == .forbidden)
            let managerEdit = try await browser.page("\(postPath)/edit", as: paul)
            let current = try #require(managerEdit.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            #expect(
                try await browser.post(
                    postPath,
                    [
                        ("version", String(current)), ("title", "Notre sortie au musée"),
                        ("body", "Texte revu par le professeur."), ("intent", "save"),
                    ], as: paul
                ).status == .seeOther)
            let modified = BlogBrowser.main(try await browser.page(postPath, as: marc))
            #expect(modified.contains("modifié le") && modified.contains("Texte revu par le professeur."))
        }
    }

    @Test func aManagerPublishesAtOnceAndDeletesOnlyAfterConfirming() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog("Blog du CDI", as: paul)
            let post = try await browser.write("Nouveautés", in: blog, as: paul, intent: "publish")
            let postPath = "/apps/blogs/blogs/\(blog)/posts/\(post)"
            #expect(BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)", as: paul)).contains("Nouveautés"))

            // Deleting a post asks first; then the post and its comments are gone.
            #expect(try await browser.post("\(postPath)/comments", [("body", "Merci !")], as: paul).status == .seeOther)
            let confirm = BlogBrowser.main(try await browser.page("\(postPath)/delete", as: paul))
            #expect(confirm.contains("Supprimer « Nouveautés » et ses commentaires ?") && confirm.contains("action=\"\(postPath)/delete\""))
            #expect(try await browser.post("\(postPath)/delete", [], as: paul).status == .seeOther)
            #expect(try await browser.page(postPath, as: paul).status == .notFound)
            let left = try await kit.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE plugin = 'blogs' AND collection IN ('posts', 'comments')")
            }
            #expect(left == 0)

            // Deleting the blog needs the box ticked; without it nothing is lost.
            #expect(
                try await browser.page("/apps/blogs/blogs/\(blog)/delete", as: paul).text.contains("Je confirme la suppression définitive"))
            #expect(try await browser.post("/apps/blogs/blogs/\(blog)/delete", [], as: paul).status == .badRequest)
            #expect(try await browser.page("/apps/blogs/blogs/\(blog)", as: paul).status == .ok)
            #expect(try await browser.post("/apps/blogs/blogs/\(blog)/delete", [("confirm", "on")], as: paul).status == .seeOther)
            #expect(try await browser.page("/apps/blogs/blogs/\(blog)", as: paul).status == .notFound)
            let shares = try await kit.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM shares WHERE plugin_id = 'blogs'")
            }
            #expect(shares == 0, "its shares are withdrawn")
        }
    }

    @Test func sendingTheSameNewPostOrCommentFormTwiceSavesItOnce() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog("Blog du collège", as: paul)
            let form = try await browser.page("/apps/blogs/blogs/\(blog)/posts/new", as: paul)
            let draft = try #require(form.text.firstMatch(of: /name="draft_id" value="([0-9a-f-]+)"/)?.1).description
            // A retry of the same form (after an error, or a double click) lands on the same post.
            var locations: [String] = []
            for _ in 0..<2 {
                let sent = try await browser.post(
                    "/apps/blogs/blogs/\(blog)/posts",
                    [("draft_id", draft), ("title", "Sortie"), ("body", "Au musée."), ("intent", "publish")], as: paul)
                #expect(sent.status == .seeOther)
                locations.append(sent.headers[.location] ?? "")
            }
            #expect(locations[0] == locations[1] && locations[0].hasSuffix("/posts/\(draft)"))
            let (posts, events) = try await kit.database.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE plugin = 'blogs' AND collection = 'posts'") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE type = 'blogs.post.published'") ?? 0
                )
            }
            #expect(posts == 1 && events == 1, "one post, announced once: \(posts) posts, \(events) events")
            // The same for a comment.
            let page = try await browser.page("/apps/blogs/blogs/\(blog)/posts/\(draft)", as: paul)
            let commentID = try #require(page.text.firstMatch(of: /name="comment_id" value="([0-9a-f-]+)"/)?.1).description
            for _ in 0..<2 {
                #expect(
                    try await browser.post(
                        "/apps/blogs/blogs/\(blog)/posts/\(draft)/comments", [("comment_id", commentID), ("body", "Bravo")], as: paul
                    ).status == .seeOther)
            }
            let comments = try await kit.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE plugin = 'blogs' AND collection = 'comments'")
            }
            #expect(comments == 1)
            // Another user cannot take over a post through its id.
            let anne = try await client.logInDemo("anne.nguyen")
            let anneID = try await kit.id(ofUser: "anne.nguyen")
            #expect(try await browser.share(blog, with: "user:\(anneID)", right: "contrib", as: paul).status == .seeOther)
            let hijack = try await browser.post(
                "/apps/blogs/blogs/\(blog)/posts", [("draft_id", draft), ("title", "Pirate"), ("body", "x"), ("intent", "draft")], as: anne)
            #expect(hijack.status == .conflict)
        }
    }

    @Test func twoManagersEditingTheSamePostGetAConflictInsteadOfAnOverwrite() async throws {
        let kit = try BlogsTestKit()
        let anne = try await kit.id(ofUser: "anne.nguyen")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand"), sophie = try await client.logInDemo("sophie.bernard")
            let blog = try await browser.createBlog("Blog du collège", as: paul)
            let sophieID = try await kit.id(ofUser: "sophie.bernard")
            #expect(try await browser.share(blog, with: "user:\(sophieID)", right: "manage", as: paul).status == .seeOther)
            #expect(try await browser.share(blog, with: "user:\(anne)", right: "read", as: paul).status == .seeOther)
            let post = try await browser.write("Menu de la cantine", body: "Lundi : lentilles.", in: blog, as: paul, intent: "publish")
            let postPath = "/apps/blogs/blogs/\(blog)/posts/\(post)"

            // Both open the editor at the same version.
            let first = try await browser.page("\(postPath)/edit", as: paul),
                second = try await browser.page("\(postPath)/edit", as: sophie)
            let paulVersion = try #require(first.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            let sophieVersion = try #require(second.text.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            #expect(paulVersion == sophieVersion)
            #expect(
                try await browser.post(
                    postPath,
                    [
                        ("version", String(paulVersion)), ("title", "Menu de la cantine"), ("body", "Lundi : poisson."),
                        ("intent", "save"),
                    ], as: paul
                ).status == .seeOther)
            // A forged version (0 or below would mean "new" or "any version") overwrites nothing.
            for forged in ["-1", "0"] {
                let refused = try await browser.post(
                    postPath,
                    [
                        ("version", forged), ("title", "Menu de la cantine"), ("body", "Lundi : frites."),
                        ("intent", "save"),
                    ], as: sophie)
                #expect(refused.status == .badRequest, "version=\(forged): \(refused.status)")
            }
            #expect(!BlogBrowser.main(try await browser.page(postPath, as: paul)).contains("frites"))
            let conflict = try await browser.post(
                postPath,
                [
                    ("version", String(sophieVersion)), ("title", "Menu de la cantine"),
                    ("body", "Lundi : gratin."), ("intent", "save"),
                ], as: sophie)
            #expect(conflict.status == .conflict)
            let page = BlogBrowser.main(conflict)
            #expect(
                page.contains("Quelqu&#39;un a modifié ce billet pendant que vous l&#39;éditiez") && page.contains("Lundi : gratin."),
                "her text is kept")
            let newer = try #require(page.firstMatch(of: /name="version" value="(\d+)"/)?.1)
            #expect(newer != sophieVersion, "the form now carries the newer version")
            #expect(BlogBrowser.main(try await browser.page(postPath, as: paul)).contains("Lundi : poisson."), "Paul's save stands")
            // Saving again from the newer version replaces it, knowingly.
            #expect(
                try await browser.post(
                    postPath,
                    [
                        ("version", String(newer)), ("title", "Menu de la cantine"), ("body", "Lundi : gratin."),
                        ("intent", "save"),
                    ], as: sophie
                ).status == .seeOther)
            #expect(BlogBrowser.main(try await browser.page(postPath, as: paul)).contains("Lundi : gratin."))
        }
    }

    @Test func theAppSpeaksEnglishToThoseWhoAskForIt() async throws {
        let kit = try BlogsTestKit()
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog("Blog de la 4e A", as: paul)
            let post = try await browser.write("Sortie", in: blog, as: paul, intent: "publish")
            var english = paul.headers
            english[.accept] = "text/html"
            english[.acceptLanguage] = "en-GB,en;q=0.8"
            let home = BlogBrowser.main(try await client.get("/apps/blogs/", headers: english))
            #expect(home.contains("Create a blog") && home.contains("My Atom feed") && !home.contains("Créer un blog"))
            let page = BlogBrowser.main(try await client.get("/apps/blogs/blogs/\(blog)/posts/\(post)", headers: english))
            #expect(page.contains("By Paul Durand") && page.contains("published on") && page.contains("Post the comment"))
            #expect(page.firstMatch(of: /\d{1,2} [A-Z][a-z]+ \d{4}/) != nil, "dates read the English way")
            let french = BlogBrowser.main(try await browser.page("/apps/blogs/blogs/\(blog)/posts/\(post)", as: paul))
            #expect(french.contains("Par Paul Durand") && french.firstMatch(of: /\d{1,2} [a-zé]+ \d{4}/) != nil)
        }
    }
}
