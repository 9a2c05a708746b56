// EventStore: stores an emitted event, expands its audience to users and queues it for the plugins that subscribe.
import Foundation
import HostStorage

/// Emitting is one transaction: the event, one timeline row per member of its audience
/// (the actor excepted), and one delivery row per subscribed plugin. A repeated
/// idempotency key answers the first event's id and changes nothing.
package struct EventStore: Sendable {
    let storage: any EventsStorage

    package init(storage: any EventsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.events)
    }

    /// Takes the event `pluginID` emitted in `schoolID` under `key` off every timeline (a
    /// notification whose request was dealt with); an unknown key does nothing.
    @discardableResult
    package func settle(pluginID: String, schoolID: String, key: String) throws -> Int {
        guard (1...200).contains(key.utf8.count) else { throw AccessRefusal("an idempotency key is 1 to 200 bytes") }
        return try storage.settle(pluginID: pluginID, schoolID: schoolID, key: key)
    }

    /// Stores `draft` emitted by `pluginID` in `schoolID` by `actorID`; `subscribers` are the
    /// ids of plugins whose manifests listen to its type. Returns the event's id.
    ///
    /// A former member of the school named in the audience (a pupil who left, a teacher who
    /// moved) is simply no recipient: a plugin's write that already happened is never failed
    /// by its notification. An id that never belonged to the school is refused: an audience
    /// stays within the school.
    @discardableResult
    package func emit(_ draft: EventDraft, pluginID: String, schoolID: String, actorID: String?, subscribers: [String]) throws -> Int64 {
        let params = String(decoding: try JSONSerialization.data(withJSONObject: draft.params, options: .sortedKeys), as: UTF8.self)
        let record = NewEventRecord(
            pluginID: pluginID, schoolID: schoolID, type: draft.type, actorID: actorID, link: draft.link, resource: draft.resource,
            params: params, users: draft.users, groups: draft.groups, key: draft.key, createdAt: Date())
        do {
            return try storage.store(record, subscribers: Set(subscribers))
        } catch EventAudienceError.notAMember(let user) {
            throw AccessRefusal("user \(user) is not a member of this school: an event's audience stays within the school")
        } catch EventAudienceError.unknownGroup(let group) {
            throw AccessRefusal("group \(group) is not a group of this school")
        }
    }
}
