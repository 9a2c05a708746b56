// ChildInViewTests: for a parent, the child in view scopes what apps show — the blogs and notes of that child's class only — and shares to a class reach pupils who join it later.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("The child in view scopes what a parent sees")
struct ChildInViewTests {
    @Test func aParentSeesTheBlogOfTheClassOfTheChildInViewOnly() async throws {
        let kit = try BlogsTestKit()
        let fourthA = try await kit.classID("4e A"), fourthB = try await kit.classID("4e B")
        let lea = try await kit.id(ofUser: "lea.martin"), hugo = try await kit.id(ofUser: "hugo.martin")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blogA = try await browser.createBlog("Carnet de la 4e A", as: paul, classID: fourthA)
            let blogB = try await browser.createBlog("Carnet de la 4e B", as: paul, classID: fourthB)

            let marc = try await client.logInDemo("marc.martin")
            try await Self.view(lea, as: marc, client)
            var list = BlogBrowser.main(try await browser.page("/apps/blogs/", as: marc))
            #expect(list.contains("Carnet de la 4e A") && !list.contains("Carnet de la 4e B"), "Léa in view: her class's blog only")
            #expect(try await browser.page("/apps/blogs/blogs/\(blogA)", as: marc).status == .ok)
            #expect(try await browser.page("/apps/blogs/blogs/\(blogB)", as: marc).status == .notFound, "Hugo's class blog is out of view")

            try await Self.view(hugo, as: marc, client)
            list = BlogBrowser.main(try await browser.page("/apps/blogs/", as: marc))
            #expect(list.contains("Carnet de la 4e B") && !list.contains("Carnet de la 4e A"), "Hugo in view: his class's blog only")
            #expect(try await browser.page("/apps/blogs/blogs/\(blogB)", as: marc).status == .ok)
            #expect(try await browser.page("/apps/blogs/blogs/\(blogA)", as: marc).status == .notFound)
        }
    }

    @Test func aNoteSharedWithAClassReachesItsParentsInViewAndAPupilWhoJoinsLater() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installBuilt("notes")
        let database = try workspace.seedDemo()
        let lea = try await database.user("lea.martin"), hugo = try await database.user("hugo.martin")
        let fourthA = try #require(
            try await database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT c.id FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.uai = '0750001A' AND c.name = '4e A'")
            })
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            #expect(
                try await client.post(
                    "/apps/notes/notes", "_csrf=\(paul.csrf)&title=Sortie+au+mus%C3%A9e&body=Rendez-vous", headers: paul.form
                )
                .status == .seeOther)
            let id = try #require(
                try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM documents WHERE plugin = 'notes'") })
            #expect(
                try await client.post("/apps/notes/notes/\(id)/share", "_csrf=\(paul.csrf)&class=\(fourthA)", headers: paul.form).status
                    == .seeOther)

            let marc = try await client.logInDemo("marc.martin")
            try await Self.view(lea, as: marc, client)
            #expect(try await client.get("/apps/notes/notes/\(id)", headers: marc.headers).status == .ok, "Léa's class's note")
            #expect(try await client.get("/apps/notes/", headers: marc.headers).text.contains("Sortie au musée"))
            #expect(try await client.get("/", headers: marc.headers).text.contains("a partagé la note « Sortie au musée »"))
            try await Self.view(hugo, as: marc, client)
            #expect(try await client.get("/apps/notes/notes/\(id)", headers: marc.headers).status == .notFound, "not Hugo's class")
            #expect(!(try await client.get("/apps/notes/", headers: marc.headers).text.contains("Sortie au musée")))
            #expect(!(try await client.get("/", headers: marc.headers).text.contains("Sortie au musée")), "nor on the timeline")

            // Hugo joins 4e A after the note was shared: what was shared with the class is his.
            #expect(
                try await client.get("/apps/notes/notes/\(id)", headers: try await client.logInDemo("hugo.martin").headers).status
                    == .notFound)
            try await database.write { db in
                try db.execute(sql: "INSERT INTO user_classes (user_id, class_id) VALUES (?, ?)", arguments: [hugo, fourthA])
            }
            let joined = try await client.logInDemo("hugo.martin")
            #expect(try await client.get("/apps/notes/notes/\(id)", headers: joined.headers).status == .ok)
            #expect(try await client.get("/apps/notes/", headers: joined.headers).text.contains("Sortie au musée"))
        }
    }

    /// Switches a parent's child in view, as the header's child menu does.
    static func view(_ child: String, as parent: LoggedIn, _ client: any TestClientProtocol) async throws {
        let switched = try await client.post("/auth/child", "_csrf=\(parent.csrf)&child=\(child)", headers: parent.form)
        #expect(switched.status == .seeOther)
    }
}
