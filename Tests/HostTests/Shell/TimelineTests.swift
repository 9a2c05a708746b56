// TimelineTests: the home timeline as people read it — by day, with who, which app and when; filtered by app; caught up at login for newcomers.
import CartableWire
import Foundation
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite("The home page's timeline")
struct TimelineTests {
    /// A class blog with a published post (now) and a note shared with 4e A, dated `noteAge` seconds ago.
    static func activity(_ kit: BlogsTestKit, _ client: any TestClientProtocol, noteAge: TimeInterval) async throws -> LoggedIn {
        let browser = BlogBrowser(client: client)
        let fourthA = try await kit.classID("4e A")
        let paul = try await client.logInDemo("paul.durand")
        #expect(
            try await client.post("/apps/notes/notes", "_csrf=\(paul.csrf)&title=Sortie&body=Rendez-vous", headers: paul.form).status
                == .seeOther)
        let note = try #require(
            try await kit.database.read { db in try String.fetchOne(db, sql: "SELECT id FROM documents WHERE plugin = 'notes'") })
        #expect(
            try await client.post("/apps/notes/notes/\(note)/share", "_csrf=\(paul.csrf)&class=\(fourthA)", headers: paul.form).status
                == .seeOther)
        try await kit.database.write { db in
            try db.execute(
                sql: "UPDATE events SET created_at = ? WHERE plugin_id = 'notes'",
                arguments: [Date().addingTimeInterval(-noteAge).formatted(.iso8601)])
        }
        let blog = try await browser.createBlog("Blog de la 4e A", as: paul, classID: fourthA)
        _ = try await browser.write("Bienvenue", in: blog, as: paul, intent: "publish")
        return paul
    }

    @Test func entriesAreGroupedByDayWithWhoDidItInWhichAppAndWhen() async throws {
        let kit = try BlogsTestKit { try $0.installBuilt("notes") }
        let paulID = try await kit.id(ofUser: "paul.durand")
        try await kit.portal.withClient { client in
            _ = try await Self.activity(kit, client, noteAge: 3 * 86_400)
            let lea = try await client.logInDemo("lea.martin")
            let home = try await client.get("/", headers: lea.headers).text
            let dates = ReaderDates(language: "fr"), now = Date()

            let today = try #require(home.range(of: "<h3 class=\"timeline-day\" id=\"timeline-day-0\">Aujourd&#39;hui</h3>"))
            let earlierDay = dates.weekday(now.addingTimeInterval(-3 * 86_400), now: now)
            let earlier = try #require(home.range(of: ">\(earlierDay)</h3>"), "a heading for three days ago: \(earlierDay)")
            let post = try #require(home.range(of: "Paul Durand a publié « Bienvenue »"))
            let note = try #require(home.range(of: "Paul Durand a partagé la note « Sortie »"))
            #expect(today.lowerBound < post.lowerBound && post.lowerBound < earlier.lowerBound && earlier.lowerBound < note.lowerBound)

            // Who: Paul's initials on his colour; which app: its icon and name; when: relative, the exact date on hover.
            #expect(
                home.contains("<span class=\"avatar initials small avatar-c\(Avatar.colour(of: paulID))\" aria-hidden=\"true\">PD</span>"))
            #expect(
                home.contains(
                    "<img class=\"app-icon\" src=\"/apps/blogs/assets/icon.svg\" alt=\"\" width=\"16\" height=\"16\"><span>Blogs</span>"))
            #expect(home.contains("<span>Notes</span>"))
            #expect(home.contains(">à l&#39;instant</time>") || home.contains(">il y a "), "today's entry says how long ago")
            #expect(home.contains("title=\"\(dates.day(now))"), "the exact date on hover")

            // Once Paul has a picture, the timeline shows it.
            try await kit.database.write { db in
                try db.execute(
                    sql: "INSERT INTO avatars (user_id, png, updated_at) VALUES (?, ?, ?)",
                    arguments: [paulID, Data([0x89, 0x50]), now.formatted(.iso8601)])
            }
            #expect(try await client.get("/", headers: lea.headers).text.contains("src=\"/profile/\(paulID)/avatar\""))

            let english = try await client.get("/", headers: lea.headers.merging([.acceptLanguage: "en"])).text
            #expect(
                english.contains(">Today</h3>") && english.contains("title=\"\(ReaderDates(language: "en").day(now))"), "in English too")
        }
    }

    @Test func theTimelineFiltersByApp() async throws {
        let kit = try BlogsTestKit { try $0.installBuilt("notes") }
        try await kit.portal.withClient { client in
            _ = try await Self.activity(kit, client, noteAge: 60)
            let lea = try await client.logInDemo("lea.martin")
            let all = try await client.get("/", headers: lea.headers).text
            #expect(all.contains("<nav class=\"timeline-filters\" aria-label=\"Filtrer le fil par application\">"))
            #expect(all.contains("<a href=\"/\" aria-current=\"page\">Tout</a>"))
            let notes = try await client.get("/?app=notes", headers: lea.headers).text
            #expect(notes.contains("a partagé la note « Sortie »") && !notes.contains("a publié « Bienvenue »"))
            #expect(notes.contains("<a href=\"/?app=notes\" aria-current=\"page\">"))
            let unknown = try await client.get("/?app=nothing", headers: lea.headers).text
            #expect(unknown.contains("a partagé la note") && unknown.contains("a publié « Bienvenue »"), "an unknown app shows everything")
        }
    }

    @Test func aNewcomerToAClassSeesItsRecentActivityAtLogin() async throws {
        let kit = try BlogsTestKit { try $0.installBuilt("notes") }
        let hugo = try await kit.id(ofUser: "hugo.martin"), fourthA = try await kit.classID("4e A")
        try await kit.portal.withClient { client in
            _ = try await Self.activity(kit, client, noteAge: 20 * 86_400)
            let before = try await client.logInDemo("hugo.martin")
            #expect(!(try await client.get("/", headers: before.headers).text.contains("Bienvenue")), "not his class yet")

            // He moves to 4e A; his next login catches up on the last days, not on older news.
            try await kit.database.write { db in
                try db.execute(sql: "INSERT INTO user_classes (user_id, class_id) VALUES (?, ?)", arguments: [hugo, fourthA])
            }
            let after = try await client.logInDemo("hugo.martin")
            let home = try await client.get("/", headers: after.headers).text
            #expect(home.contains("Paul Durand a publié « Bienvenue »"))
            #expect(home.contains("Notifications non lues : 1"), "and counts it unread")
            #expect(!home.contains("a partagé la note"), "twenty days ago is older than the catch-up")

            // Read once, it stays read at the next login.
            #expect(try await client.post("/timeline/read", "_csrf=\(after.csrf)", headers: after.form).status == .seeOther)
            let again = try await client.logInDemo("hugo.martin")
            #expect(!(try await client.get("/", headers: again.headers).text.contains("Notifications non lues : 1")))
        }
    }
}
