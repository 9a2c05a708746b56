// LoadedPlugin+Events: hands one event to a plugin's `cartable.event-listener/1`.
import Foundation
import HostDomain
import PluginAPI

extension LoadedPlugin: EventListener {
    private var eventListener: UnsafePointer<cartable_event_listener_v1_t>? {
        offeredExtension(CARTABLE_EXT_EVENT_LISTENER_1, as: cartable_event_listener_v1_t.self)
    }

    /// Calls `on_event` with `json` in a request of the event's school by its actor. Blocks on the plugin.
    package func deliver(_ json: String, schoolID: String, actorID: String?) -> EventOutcome {
        guard let function = eventListener?.pointee.on_event else { return .unsupported }
        let caller = PluginCaller(userID: actorID ?? "", displayName: "", profile: "", schoolID: schoolID)
        let error = MessageCollector(limit: 4096, refusesOverflow: false)
        let code = callOffered(function, method: "EVENT", caller: caller, text: json, output: error)
        guard code == CARTABLE_OK else {
            let message = String(decoding: error.bytes, as: UTF8.self)
            return .failed(message.isEmpty ? "the plugin failed with code \(code)" : message)
        }
        return .handled
    }
}
