// RouteSpecificityTests: when two declared routes match, the most specific one decides — on the host's side and PluginKit's alike.
import CartableText
import Foundation
import HostDomain
import PluginRuntime
import Testing

@Suite("Route specificity")
struct RouteSpecificityTests {
    static func route(_ method: String, _ path: String, action: String? = nil, isPublic: Bool = false) throws -> PluginManifest.Route {
        let json = "{\"method\": \"\(method)\", \"path\": \"\(path)\", \"public\": \(isPublic)\(action.map { ", \"action\": \"\($0)\"" } ?? "")}"
        return try JSONDecoder().decode(PluginManifest.Route.self, from: Data(json.utf8))
    }

    @Test func theMostSpecificDeclaredRouteDecidesWhateverItsPlace() throws {
        // Declared in the "wrong" order: the catch-all and the parameter first.
        let table = RouteTable([try Self.route("GET", "/notes/*", isPublic: true), try Self.route("GET", "/notes/:id", action: "notes.read"),
                                try Self.route("GET", "/notes/new", action: "notes.write")])
        #expect(table.access(method: "GET", path: "/notes/new") == .user(action: "notes.write"))
        #expect(table.access(method: "GET", path: "/notes/42") == .user(action: "notes.read"))
        #expect(table.access(method: "GET", path: "/notes/42/history") == .everyone)
    }

    @Test func bothSidesOrderPatternsTheSameWay() {
        let declared = ["/files/*", "/:kind/:id", "/notes/:id", "/notes/new", "/", "/notes/:id/edit", "/notes"]
        #expect(RouteSpecificity.sorted(declared, path: { $0 }) == ["/notes/new", "/notes/:id/edit", "/notes/:id", "/notes", "/files/*", "/:kind/:id", "/"])
    }
}
