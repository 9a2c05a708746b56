// EventsTests: a real C plugin emits events through cartable.events/1; the timeline shows them to their audience, and subscribed plugins receive them at least once.
import CartableWire
import Foundation
import HostDomain
import HostStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Portal
import Testing

@Suite("Events and the timeline")
struct EventsTests {
    static var emitter: ProbeOptions {
        ProbeOptions(
            id: "cahier", publicRoutes: false, emits: ["cahier.note.shared"],
            locales: [
                "fr": ["event.cahier.note.shared": "{actor} a partagé « {title} »"],
                "en": ["event.cahier.note.shared": "{actor} shared “{title}”"],
            ])
    }

    private static func id(_ database: HostDatabase, _ sql: String) async throws -> String {
        try #require(try await database.read { db in try String.fetchOne(db, sql: sql) }, "nothing for \(sql)")
    }

    static func event(
        groups: [String] = [], users: [String] = [], resource: String? = nil, key: String? = nil,
        type: String = "cahier.note.shared", link: String = "/apps/cahier/notes/1"
    ) -> String {
        var object: [String: Any] = [
            "type": type, "audience": ["groups": groups, "users": users], "link": link, "params": ["title": "<b>Devoir</b>"],
        ]
        if let resource { object["resource"] = resource }
        if let key { object["key"] = key }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func theTimelineShowsAnEventToItsAudienceOnlyInTheirLanguage() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(Self.emitter)
        let database = try workspace.seedDemo()
        let fourthA = try await Self.id(
            database,
            """
            SELECT g.id FROM groups g JOIN classes c ON c.id = g.class_id JOIN schools s ON s.id = c.school_id
            WHERE s.uai = '0750001A' AND c.name = '4e A' AND g.profile = 'Student'
            """)
        let chloe = try await Self.id(database, "SELECT id FROM users WHERE login = 'chloe.petit'")
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            // Paul's session opens in the collège (his first school by name).
            let emitted = try await client.post(
                "/apps/cahier/events/emit", Self.event(groups: [fourthA], users: [chloe], key: "note-1"), headers: paul.headers)
            #expect(emitted.status == .ok)
            let id = try #require(try emitted.json()["id"] as? String)

            let lea = try await client.logInDemo("lea.martin")
            let home = try await client.get("/", headers: lea.headers)
            #expect(home.text.contains("Paul Durand a partagé « &lt;b&gt;Devoir&lt;/b&gt; »"), "the plugin's text, its parameters escaped")
            #expect(home.text.contains("href=\"/apps/cahier/notes/1\""))
            #expect(home.text.contains("Notifications non lues : 1"))
            var english = lea.headers
            english[.acceptLanguage] = "en"
            #expect(try await client.get("/", headers: english).text.contains("Paul Durand shared “&lt;b&gt;Devoir&lt;/b&gt;”"))

            // Chloé (named), not Hugo (4e B), and not Paul himself.
            #expect(try await client.get("/", headers: try await client.logInDemo("chloe.petit").headers).text.contains("a partagé"))
            let hugo = try await client.logInDemo("hugo.martin")
            #expect(!(try await client.get("/", headers: hugo.headers).text.contains("a partagé")))
            #expect(!(try await client.get("/", headers: paul.headers).text.contains("a partagé")))

            // The same key emits nothing new.
            let again = try await client.post(
                "/apps/cahier/events/emit", Self.event(groups: [fourthA], key: "note-1"), headers: paul.headers)
            #expect(try again.json()["id"] as? String == id)
            #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") } == 1)

            // Marking it read clears the count.
            #expect(try await client.post("/timeline/read", "event=\(id)", headers: lea.form).status == .seeOther)
            let read = try await client.get("/", headers: lea.headers)
            #expect(read.text.contains("Aucune notification") && read.text.contains("a partagé"))
        }
    }

    @Test func badEventsAreRefusedWithTheReasonAndStoreNothing() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(Self.emitter)
        try workspace.installProbe(ProbeOptions(id: "ouvert", emits: ["ouvert.ping"]))
        let database = try workspace.seedDemo()
        let ines = try await Self.id(database, "SELECT id FROM users WHERE login = 'ines.moreau'")
        let lycee = try await Self.id(
            database,
            "SELECT g.id FROM groups g JOIN schools s ON s.id = g.school_id WHERE s.uai = '0750002B' AND g.profile = 'Student' AND g.class_id IS NULL"
        )
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            let cases: [(String, String)] = [
                (Self.event(type: "cahier.undeclared"), "not declared in the manifest"),
                (Self.event(type: "ouvert.ping"), "not declared in the manifest"),
                (Self.event(users: [ines]), "is not a member of this school"),
                (Self.event(groups: [lycee]), "is not a group of this school"),
                (Self.event(link: "https://ailleurs.example/x"), "a local path into the plugin"),
                (Self.event(link: "/apps/notes/1"), "a local path into the plugin"),
                ("[1, 2]", "a JSON object"),
            ]
            for (body, reason) in cases {
                let response = try await client.post("/apps/cahier/events/emit", body, headers: paul.headers)
                #expect(response.status.code >= 400 && response.text.contains(reason), "\(body): \(response.status) \(response.text)")
            }
            // An anonymous caller has no one to act as.
            let anonymous = try await client.post("/apps/ouvert/events/emit", "{\"type\": \"ouvert.ping\", \"link\": \"/apps/ouvert/\"}")
            #expect(anonymous.status.code >= 400 && anonymous.text.contains("only a logged-in user in a school emits events"))
            #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") } == 0)
        }
    }

    @Test func anEventAboutASharedResourceHidesWhenTheShareIsRevokedOrTheAppDisabled() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(Self.emitter)
        let database = try workspace.seedDemo()
        let college = try await Self.id(database, "SELECT id FROM schools WHERE uai = '0750001A'")
        let lea = try await Self.id(database, "SELECT id FROM users WHERE login = 'lea.martin'")
        let portal = try workspace.portal()
        try await portal.withClient { client in
            let shares = Shares(database: database, pluginID: "cahier", schoolID: college)
            try shares.set(resource: "doc-1", kind: "user", target: lea, right: .read, by: nil)
            let paul = try await client.logInDemo("paul.durand")
            #expect(
                try await client.post("/apps/cahier/events/emit", Self.event(users: [lea], resource: "doc-1"), headers: paul.headers).status
                    == .ok)
            let student = try await client.logInDemo("lea.martin")
            #expect(try await client.get("/", headers: student.headers).text.contains("Notifications non lues : 1"))

            try shares.revoke(resource: "doc-1", kind: "user", target: lea, by: nil)
            let hidden = try await client.get("/", headers: student.headers)
            #expect(!hidden.text.contains("a partagé") && hidden.text.contains("Aucune notification"))

            try shares.set(resource: "doc-1", kind: "user", target: lea, right: .comment, by: nil)
            #expect(try await client.get("/", headers: student.headers).text.contains("a partagé"))
            try ModuleEnablement(database: database).disable(pluginID: "cahier", schoolIDs: [college], by: nil)
            portal.modules.invalidate()
            #expect(
                !(try await client.get("/", headers: student.headers).text.contains("a partagé")), "a disabled app's entries are hidden")
        }
    }

    @Test func subscribedPluginsReceiveEachEventOnceAndFailuresComeBackAfterARestart() async throws {
        let workspace = try PluginWorkspace()
        let flag = try TestPaths.scratch("listener-fails").appendingPathComponent("fail")
        try workspace.installProbe(Self.emitter)
        try workspace.installProbe(
            ProbeOptions(id: "badges", defines: ["PROBE_LISTENER", "PROBE_LISTENER_FAIL_FILE=\"\(flag.path)\""], subscribes: ["cahier.*"]))
        try workspace.installProbe(ProbeOptions(id: "sourd", subscribes: ["autre.*"]))
        let database = try workspace.seedDemo()
        let lea = try await Self.id(database, "SELECT id FROM users WHERE login = 'lea.martin'")
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            #expect(try await client.post("/apps/cahier/events/emit", Self.event(users: [lea]), headers: paul.headers).status == .ok)
            #expect(
                try await database.read { db in try String.fetchAll(db, sql: "SELECT plugin_id FROM event_deliveries") } == ["badges"],
                "only the plugin that subscribes to cahier.* gets a delivery")
            // The listener fails: the delivery stays, with the error and a later attempt.
            try Data().write(to: flag)
        }
        let first = try workspace.portal()
        #expect(try await first.deliverEvents() == 0)
        let pending = try await database.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT attempts, last_error, delivered_at FROM event_deliveries")
        }
        #expect(
            pending?["attempts"] == 1 && (pending?["last_error"] as String?)?.contains("told to fail") == true
                && pending?["delivered_at"] as String? == nil)

        // A new host process (a restart) delivers it once the plugin works again, after the backoff.
        try FileManager.default.removeItem(at: flag)
        let restarted = try workspace.portal()
        #expect(try await restarted.deliverEvents() == 0, "not before its next attempt")
        #expect(try await restarted.deliverEvents(now: Date().addingTimeInterval(10)) == 1)
        #expect(try await restarted.deliverEvents(now: Date().addingTimeInterval(100)) == 0, "delivered once")
        try await restarted.withClient { client in
            let received = try await client.get("/apps/badges/events/received", headers: try await client.logInDemo("paul.durand").headers)
                .text
            #expect(
                received.contains("\"type\":\"cahier.note.shared\"") && received.contains("\"plugin\":\"cahier\"")
                    && received.contains("\"params\":{\"title\":\"<b>Devoir</b>\"}"))
            #expect(received.split(separator: "\n").count == 1)
        }
    }

    @Test func theTimelinePagesTwentyAtATimeNewestFirst() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(Self.emitter)
        let database = try workspace.seedDemo()
        let lea = try await Self.id(database, "SELECT id FROM users WHERE login = 'lea.martin'")
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            for number in 1...25 {
                var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.event(users: [lea]).utf8)) as? [String: Any])
                object["params"] = ["title": "Devoir \(number)"]
                let body = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                #expect(try await client.post("/apps/cahier/events/emit", body, headers: paul.headers).status == .ok)
            }
            let student = try await client.logInDemo("lea.martin")
            let first = try await client.get("/", headers: student.headers).text
            #expect(first.contains("Notifications non lues : 25"))
            #expect(
                first.contains("« Devoir 25 »") && first.contains("« Devoir 6 »") && !first.contains("« Devoir 5 »"), "the newest twenty")
            let older = try #require(first.firstMatch(of: /href="(\/\?before=\d+)"/)?.1)
            let second = try await client.get(String(older), headers: student.headers).text
            #expect(second.contains("« Devoir 5 »") && second.contains("« Devoir 1 »") && !second.contains("« Devoir 6 »"))
            #expect(!second.contains("?before="), "no page after the last")
        }
    }
}

@Suite("Events and people who left")
struct DepartedAudienceTests {
    @Test func anAudienceNamingAPupilWhoLeftStillStoresTheEventAndItsShareIsGone() async throws {
        let workspace = try PluginWorkspace()
        try workspace.installProbe(EventsTests.emitter)
        let database = try workspace.seedDemo()
        let college = try #require(
            try await database.read { db in try String.fetchOne(db, sql: "SELECT id FROM schools WHERE uai = '0750001A'") })
        let ids = try await database.read { db in
            try Dictionary(
                uniqueKeysWithValues: SQLRow.fetchAll(db, sql: "SELECT login, id FROM users WHERE login IN ('lea.martin', 'chloe.petit')")
                    .map { ($0["login"] as String, $0["id"] as String) })
        }
        let lea = try #require(ids["lea.martin"]), chloe = try #require(ids["chloe.petit"])
        let shares = Shares(database: database, pluginID: "cahier", schoolID: college)
        try shares.set(resource: "doc-1", kind: "user", target: chloe, right: .read, by: nil)
        // Chloé leaves the collège: a full sync of its pupils no longer lists her.
        var pupils = "identifiant;nom;prénom;profil\n"
        for (index, student) in DemoSeed.students.enumerated() where index != 2 {
            pupils += "DEMO-E\(index);\(student.1);\(student.0);Élève\n"
        }
        var options = UserImport.Options(schoolUAI: "0750001A")
        options.mode = .fullSync
        let report = try UserImport(database: database).run(Data(pupils.utf8), options: options)
        #expect(report.detached.map(\.externalID) == ["DEMO-E2"])
        #expect(
            try await database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM shares WHERE target_kind = 'user' AND target_id = ?", arguments: [chloe])
            } == 0, "what was shared with her in the school is no longer")
        try await workspace.portal().withClient { client in
            let paul = try await client.logInDemo("paul.durand")
            let response = try await client.post("/apps/cahier/events/emit", EventsTests.event(users: [lea, chloe]), headers: paul.headers)
            #expect(response.status == .ok, "the plugin's request does not fail: \(response.text)")
        }
        let recipients = try await database.read { db in try String.fetchAll(db, sql: "SELECT user_id FROM event_recipients") }
        #expect(recipients == [lea], "only current members are told")
    }
}
