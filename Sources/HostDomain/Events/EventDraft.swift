// EventDraft: an event as a plugin emits it, read from its JSON and checked before anything is stored.
import CartableText
import CartableWire
import Foundation

/// What `cartable.events/1`'s `emit` receives. Every limit has a message that says what to fix.
package struct EventDraft: Sendable, Equatable {
    package var type: String
    package var users: [String]
    package var groups: [String]
    package var link: String
    package var resource: String?
    package var params: [String: String]
    package var key: String?

    package static let maxBytes = 64 << 10
    package static let maxAudience = 10_000
    package static let maxParams = 20

    /// Parses and checks `json` for a plugin whose manifest declares `emits`.
    package init(json: [UInt8], pluginID: String, emits: [String]) throws {
        guard json.count <= Self.maxBytes else { throw AccessRefusal("an event is at most \(Self.maxBytes) bytes") }
        let event: EmittedEvent
        do {
            event = try JSONDecoder().decode(EmittedEvent.self, from: Data(json))
        } catch let error as DecodingError {
            throw AccessRefusal(
                "an event is a JSON object with \"type\", \"audience\" ({\"users\": [ids], \"groups\": [ids]}), \"link\" and \"params\" (strings): \(error.shortDescription)"
            )
        } catch {
            throw AccessRefusal("an event is a JSON object with \"type\", \"audience\", \"link\" and \"params\"")
        }
        let type = event.type, users = event.audience.users, groups = event.audience.groups
        guard emits.contains(type) else {
            throw AccessRefusal("event type \(type) is not declared in the manifest's events.emits (\(emits.joined(separator: ", ")))")
        }
        guard users.count + groups.count <= Self.maxAudience else {
            throw AccessRefusal("an audience names at most \(Self.maxAudience) users and groups")
        }
        let link = event.link
        guard link.hasPrefix("/apps/\(pluginID)/") || link == "/apps/\(pluginID)", link.count <= 500,
            !link.contains("//"), !link.utf8.contains(where: { $0 < 0x20 })
        else { throw AccessRefusal("the link is a local path into the plugin, starting with /apps/\(pluginID)/ (at most 500 characters)") }
        let resource = event.resource
        if let resource { guard (1...200).contains(resource.utf8.count) else { throw AccessRefusal("a resource id is 1 to 200 bytes") } }
        let params = event.params
        guard params.count <= Self.maxParams, params.allSatisfy({ $0.key.count <= 40 && $0.value.count <= 500 })
        else { throw AccessRefusal("params are at most \(Self.maxParams) strings (names up to 40 characters, values up to 500)") }
        let key = event.key
        if let key { guard (1...200).contains(key.utf8.count) else { throw AccessRefusal("an idempotency key is 1 to 200 bytes") } }
        self.type = type
        self.users = users
        self.groups = groups
        self.link = link
        self.resource = resource
        self.params = params
        self.key = key
    }
}
