// BlogSharePickerTests: the share dialog finds groups and people by a typed search, grouped by kind, and never lists a whole school at once.
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: the share picker")
struct BlogSharePickerTests {
    @Test func aSearchFindsPeopleAndGroupsGroupedByKind() async throws {
        let kit = try BlogsTestKit()
        let fourthA = try await kit.classID("4e A")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand")
            let blog = try await browser.createBlog("Blog partagé", as: paul, classID: fourthA)
            let path = "/apps/blogs/blogs/\(blog)/shares"

            // Before a search: the groups by kind, and no list of people.
            let first = BlogBrowser.main(try await browser.page(path, as: paul))
            #expect(first.contains("role=\"search\"") && first.contains("type=\"search\""))
            #expect(first.contains("<legend>Classes</legend>"))
            #expect(!first.contains("Chloé Petit"), "nobody is listed before a search")
            #expect(first.contains("Tapez au moins 2 lettres"))

            // A search, without accents or case: the matching people only, each a choice.
            let found = BlogBrowser.main(try await browser.page("\(path)?q=CHLOE", as: paul))
            #expect(found.contains("<legend>Personnes</legend>"))
            let chloe = try await kit.id(ofUser: "chloe.petit")
            #expect(found.contains("value=\"user:\(chloe)\""), "Chloé can be chosen")
            #expect(!found.contains("Léa Martin"))
            #expect(found.contains("value=\"CHLOE\""), "the search stays in its field")
            let classes = BlogBrowser.main(try await browser.page("\(path)?q=4e%20b", as: paul))
            #expect(classes.contains("4e B") && !classes.contains(">4e A"), "groups are searched too")

            // Choosing one shares with her.
            #expect(try await browser.share(blog, with: "user:\(chloe)", right: "read", as: paul).status == .seeOther)
            let after = BlogBrowser.main(try await browser.page(path, as: paul))
            #expect(after.contains("Chloé Petit"), "she is among the shares")

            // A broad search shows a page of answers and asks to narrow it.
            // 25 more pupils named alike: a search for them shows a page of 20.
            let pupils = (1...25).map { "PICK-\($0);Homonyme;Élève\($0);Élève;4e A" }.joined(separator: "\n")
            _ = try UserImport(database: kit.database).run(
                Data("identifiant;nom;prénom;profil;classe\n\(pupils)\n".utf8), options: .init(schoolUAI: "0750001A"))
            let broad = BlogBrowser.main(try await browser.page("\(path)?q=homonyme", as: paul))
            let choices = broad.matches(of: /name="target" value="user:/).count
            #expect(choices == 20, "a page of 20 people")
            #expect(broad.contains("précisez la recherche pour voir les autres"))
            let nothing = BlogBrowser.main(try await browser.page("\(path)?q=zzzz", as: paul))
            #expect(nothing.contains("Personne ne correspond"))
        }
    }
}
