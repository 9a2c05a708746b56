// BlogModerationTests: a comment waiting for approval tells the blog's managers, and approving or deleting it clears that notification.
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Blogs: moderated comments")
struct BlogModerationTests {
    /// The unread count the header's bell reads out, 0 when it shows none.
    static func unread(_ home: TestResponse) -> Int {
        Int(home.text.firstMatch(of: /<span class="count" aria-hidden="true">(\d+)<\/span>/)?.1 ?? "0") ?? 0
    }

    @Test func approvingOrDeletingAWaitingCommentClearsItsNotification() async throws {
        let kit = try BlogsTestKit()
        let fourthA = try await kit.classID("4e A")
        try await kit.portal.withClient { client in
            let browser = BlogBrowser(client: client)
            let paul = try await client.logInDemo("paul.durand"), lea = try await client.logInDemo("lea.martin")
            let blog = try await browser.createBlog("Blog modéré", as: paul, classID: fourthA, moderated: true)
            let post = try await browser.write("Sortie au musée", in: blog, as: paul, intent: "publish")
            let postPath = "/apps/blogs/blogs/\(blog)/posts/\(post)"
            // Paul reads everything so far.
            #expect(try await browser.post("/timeline/read", [], as: paul).status == .seeOther)
            #expect(Self.unread(try await browser.page("/", as: paul)) == 0)

            for (index, decision) in ["approve", "delete"].enumerated() {
                let sent = try await browser.post("\(postPath)/comments", [("body", "Commentaire \(index)")], as: lea)
                let comment = try #require(sent.headers[.location]?.split(separator: "#comment-").last.map(String.init))
                let waiting = try await browser.page("/", as: paul)
                #expect(Self.unread(waiting) == 1, "the manager is told a comment waits")
                #expect(waiting.text.contains("#comment-\(comment)"))
                #expect(try await browser.post("\(postPath)/comments/\(comment)/\(decision)", [], as: paul).status == .seeOther)
                let after = try await browser.page("/", as: paul)
                #expect(Self.unread(after) == 0, "\(decision): the notification is cleared, and the count with it")
                #expect(!after.text.contains("#comment-\(comment)"), "\(decision): the waiting entry leaves the timeline")
            }
            // Léa, who joins nothing new, does not get it back at her next login either.
            _ = try await client.logInDemo("paul.durand")
            #expect(Self.unread(try await browser.page("/", as: paul)) == 0)
        }
    }
}
