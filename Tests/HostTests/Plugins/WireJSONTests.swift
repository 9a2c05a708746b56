// WireJSONTests: what PluginKit writes is what the host reads, for the JSON of the store, events and shares.
import CartableText
import CartableWire
import Foundation
import HostDomain
import HostStorage
import Testing

@Suite("Wire JSON shared by host and PluginKit")
struct WireJSONTests {
    @Test func aStoreQueryReadsBackAsItWasWritten() throws {
        var query = StoreQueryJSON()
        query.filters = [.init(field: "done", op: .eq, value: .bool(false)), .init(field: "due", op: .lt, value: .string("2026-12-31"))]
        query.orderField = "due"
        query.descending = true
        query.limit = 20
        query.cursor = "abc"
        #expect(try StoreQueryJSON(json: Data(query.json().utf8)) == query)
        let document = try DocumentQuery(json: Data(query.json().utf8), indexed: ["done", "due"])
        #expect(document.limit == 20 && document.orderField == "due" && document.filters.count == 2)
        #expect(throws: StoreError.self) { try DocumentQuery(json: Data(query.json().utf8), indexed: ["done"]) }
        #expect(throws: StoreQueryJSON.Malformed.self) {
            try StoreQueryJSON(json: Data(#"{"where": [{"field": "a", "op": "like", "value": 1}]}"#.utf8))
        }
    }

    @Test func anEmittedEventIsReadByTheHostAndABadAudienceIsExplained() throws {
        let event = EmittedEvent(
            type: "notes.shared", audience: .init(users: ["u1"], groups: ["g1"]), link: "/apps/notes/n/1",
            params: ["title": "Devoir"], key: "k1")
        let draft = try EventDraft(json: Array(try JSONEncoder().encode(event)), pluginID: "notes", emits: ["notes.shared"])
        #expect(draft.users == ["u1"] && draft.groups == ["g1"] && draft.params == ["title": "Devoir"] && draft.key == "k1")
        let bad = #"{"type": "notes.shared", "audience": {"users": "u1"}, "link": "/apps/notes/1"}"#
        #expect { try EventDraft(json: Array(bad.utf8), pluginID: "notes", emits: ["notes.shared"]) } throws: { error in
            "\(error)".contains("audience")
        }
    }

    /// The header promises `"actor_id"` and `"resource"` as JSON null when absent, not left out.
    @Test func aReceivedEventSpellsAbsentValuesAsNull() throws {
        let event = ReceivedEvent(
            id: "7", type: "blogs.post.published", plugin: "blogs", schoolID: "s1", actorID: nil, link: "/apps/blogs/p/1",
            resource: nil, params: [:], audience: .init(groups: ["g"]), at: "2026-12-02T00:00:00Z")
        let text = String(decoding: try JSONEncoder.sortedKeys.encode(event), as: UTF8.self)
        #expect(text.contains(#""actor_id":null"#) && text.contains(#""resource":null"#) && text.contains(#""school_id":"s1""#))
        #expect(try JSONDecoder().decode(ReceivedEvent.self, from: Data(text.utf8)) == event)
    }

    @Test func shareRightsKeepTheirOrderAndNames() throws {
        #expect(ShareRight.allCases.map(\.name) == ["read", "comment", "contrib", "manage"])
        #expect(ShareRight.read < .manage && ShareRight(name: "contrib") == .contrib && ShareRight(name: "owner") == nil)
        let entry = try JSONDecoder().decode(ShareEntry.self, from: Data(#"{"kind": "group", "id": "g1", "right": "comment"}"#.utf8))
        #expect(entry == ShareEntry(kind: "group", id: "g1", right: .comment))
    }
}
