// RouteSpecificityTests: when two declared routes match, the most specific one decides — on the host's side and PluginKit's alike.
import CartableWire
import Foundation
import HostDomain
import PluginRuntime
import Testing

@Suite("Route specificity")
struct RouteSpecificityTests {
    static func route(_ method: String, _ path: String, action: String? = nil, isPublic: Bool = false) throws -> PluginManifest.Route {
        let json =
            "{\"method\": \"\(method)\", \"path\": \"\(path)\", \"public\": \(isPublic)\(action.map { ", \"action\": \"\($0)\"" } ?? "")}"
        return try JSONDecoder().decode(PluginManifest.Route.self, from: Data(json.utf8))
    }

    @Test func theMostSpecificDeclaredRouteDecidesWhateverItsPlace() throws {
        // Declared in the "wrong" order: the catch-all and the parameter first.
        let table = RouteTable([
            try Self.route("GET", "/notes/*", isPublic: true), try Self.route("GET", "/notes/:id", action: "notes.read"),
            try Self.route("GET", "/notes/new", action: "notes.write"),
        ])
        #expect(table.access(method: "GET", path: "/notes/new") == .user(action: "notes.write"))
        #expect(table.access(method: "GET", path: "/notes/42") == .user(action: "notes.read"))
        #expect(table.access(method: "GET", path: "/notes/42/history") == .everyone)
    }

    @Test func bothSidesOrderPatternsTheSameWay() {
        let declared = ["/files/*", "/:kind/:id", "/notes/:id", "/notes/new", "/", "/notes/:id/edit", "/notes"]
        #expect(
            RouteSpecificity.sorted(declared, path: { $0 }) == [
                "/notes/new", "/notes/:id/edit", "/notes/:id", "/notes", "/files/*", "/:kind/:id", "/",
            ])
    }

    /// PluginKit's router and the host's route table are both a ``RouteList``: the route the
    /// host checks is the handler the plugin runs, parameters bound as the handler reads them.
    @Test func theHandlerPickedIsTheRouteTheHostChecked() throws {
        let list = RouteList<String>([
            ("GET", "/files/*", "files"), ("GET", "/notes/:id", "note"), ("POST", "/notes/:id", "save"),
            ("GET", "/notes/new", "form"),
        ])
        #expect(list.route(method: "GET", path: "/notes/new")?.route.payload == "form")
        let note = try #require(list.route(method: "HEAD", path: "/notes/caf%C3%A9"))
        #expect(note.route.payload == "note" && note.parameters == ["id": "café"])
        #expect(list.route(method: "POST", path: "/notes/7")?.route.payload == "save")
        #expect(list.route(method: "GET", path: "/files/a/b%20c")?.parameters == ["*": "a/b%20c"])
        #expect(list.route(method: "DELETE", path: "/notes/7") == nil && list.route(method: "GET", path: "/notes/7/more") == nil)
        let table = RouteTable([
            try Self.route("GET", "/notes/:id", action: "notes.read"), try Self.route("POST", "/notes/:id", action: "notes.write"),
        ])
        #expect(table.access(method: "HEAD", path: "/notes/7") == .user(action: "notes.read"))
        #expect(table.access(method: "POST", path: "/notes/7") == .user(action: "notes.write"))
        #expect(table.access(method: "DELETE", path: "/notes/7") == .undeclared)
    }
}
