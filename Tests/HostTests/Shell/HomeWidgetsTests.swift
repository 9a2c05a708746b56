// HomeWidgetsTests: the home page shows each app's cards (`cartable.widgets/1`) for the caller, and an app that is slow, fails or answers badly reads "unavailable" without delaying the page.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Home cards from the apps")
struct HomeWidgetsTests {
    @Test func aPupilSeesTheLatestPostsOfTheirClassBlogAndTheNotesSharedWithThem() async throws {
        let kit = try BlogsTestKit(extraPlugins: { try $0.installBuilt("notes") })
        _ = try await kit.portal.seedDemoContent()
        try await kit.portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let home = try await client.get("/", headers: lea.headers).text
            #expect(home.contains("<h2 id=\"widgets-title\">À la une</h2>"), "the cards have their heading")
            #expect(home.contains("Derniers billets de mes blogs"), "the blogs card")
            #expect(home.contains("Bienvenue sur le blog de la classe"), "lists the class blog's post")
            #expect(home.contains(">Tous mes blogs</a>"), "with its link")
            #expect(
                home.contains("Notes partagées avec moi") && home.contains("Aucune note ne vous est partagée"),
                "the notes card says it is empty")
        }
    }

    @Test func aSlowAFailingAndAMalformedAppReadUnavailableAndTheOthersStillShow() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "fine", defines: ["PROBE_WIDGETS"]))
        // The slow app answers only once the test is done with the page; the deadline leaves the others ample time.
        let hold = workspace.root.appendingPathComponent("hold-slow-cards")
        try Data().write(to: hold)
        try workspace.installProbe(ProbeOptions(id: "slow", defines: ["PROBE_WIDGETS", "PROBE_WIDGET_WAIT_FILE=\"\(hold.path)\""]))
        try workspace.installProbe(ProbeOptions(id: "broken", defines: ["PROBE_WIDGETS", "PROBE_WIDGET_FAILS"]))
        try workspace.installProbe(ProbeOptions(id: "astray", defines: ["PROBE_WIDGETS", "PROBE_WIDGET_BAD_LINK"]))
        try workspace.seedDemo()
        let log = LogRecorder()
        let portal = try workspace.portal(log: log, widgetDeadline: .seconds(3))
        defer { try? FileManager.default.removeItem(at: hold) }
        try await portal.withClient { client in
            let lea = try await client.logInDemo("lea.martin")
            let home = try await client.get("/", headers: lea.headers).text
            #expect(home.contains("&lt;b&gt;Probe&lt;/b&gt; child="), "the card's title is text, escaped")
            #expect(home.contains("<p>probe card</p>") && home.contains("href=\"/apps/fine/\""), "the working app's card")
            for app in ["slow", "broken", "astray"] {
                #expect(home.contains("Probe \(app) est indisponible pour le moment"), "\(app) reads unavailable")
            }
            #expect(!home.contains("href=\"/apps/someone-else/\""), "a card may not link into another app")
        }
        let lines = log.messages.map(\.message)
        #expect(lines.contains { $0.contains("plugin broken") && $0.contains("the probe is told to fail on cards") }, "\(lines)")
        #expect(lines.contains { $0.contains("plugin astray") && $0.contains("a path into the plugin") })
        #expect(lines.contains { $0.contains("plugin slow") && $0.contains("did not give its home cards within") })
    }

    @Test func aParentSeesTheCardsOfTheChildInView() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(ProbeOptions(id: "fine", defines: ["PROBE_WIDGETS"]))
        let database = try workspace.seedDemo()
        let hugo = try await database.user("hugo.martin"), lea = try await database.user("lea.martin")
        try await workspace.portal().withClient { client in
            let marc = try await client.logInDemo("marc.martin")
            let first = try await client.get("/", headers: marc.headers).text
            let shown = first.contains("child=\(hugo)") ? hugo : lea
            let other = shown == hugo ? lea : hugo
            #expect(first.contains("child=\(shown)"), "the card is computed for the child in view")
            let switched = try await client.post("/auth/child", "_csrf=\(marc.csrf)&child=\(other)", headers: marc.form)
            #expect(switched.status == .seeOther)
            #expect(try await client.get("/", headers: marc.headers).text.contains("child=\(other)"), "and follows the switch")
        }
    }
}
