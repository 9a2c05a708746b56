// EventHub: where plugins' events enter — who subscribes to which type, and the store.
import Foundation
import HostStorage
import Synchronization

/// One per portal. The loader hands it to every plugin's host context before the plugins
/// are known; the portal then tells it which plugins subscribe to what.
package final class EventHub: Sendable {
    package let store: EventStore
    private let subscriptions = Mutex<[(id: String, events: PluginManifest.Events)]>([])

    package init(database: HostDatabase) {
        store = EventStore(database: database)
    }

    /// Records the subscriptions of the loaded plugins (every version's).
    package func subscribe(_ manifests: [PluginManifest]) {
        subscriptions.withLock { $0 = manifests.map { ($0.id, $0.events) } }
    }

    /// Ids of the plugins listening to `type`.
    package func subscribers(of type: String) -> [String] {
        subscriptions.withLock { list in Array(Set(list.filter { $0.events.listens(to: type) }.map(\.id))).sorted() }
    }

    /// Stores an event emitted by `pluginID`, queued for its subscribers.
    @discardableResult
    package func emit(_ draft: EventDraft, pluginID: String, schoolID: String, actorID: String?) throws -> Int64 {
        try store.emit(draft, pluginID: pluginID, schoolID: schoolID, actorID: actorID, subscribers: subscribers(of: draft.type))
    }
}
