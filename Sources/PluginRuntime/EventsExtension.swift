// EventsExtension: the C table of `cartable.events/1` — a plugin emits an event in the request's school, by the request's user.
import CartableWire
import Foundation
import HostDomain
import Logging
import PluginAPI

enum EventsExtension {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_events_v1_t> = {
        let table = UnsafeMutablePointer<cartable_events_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_events_v1_t(struct_size: UInt32(MemoryLayout<cartable_events_v1_t>.size), reserved: 0, emit: eventsEmit))
        return table
    }()
}

private let eventsEmit:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, event, out in
        guard let context = PluginHostContext.from(host) else { return CARTABLE_E_INVALID }
        guard let request, let exchange = PluginExchange.from(request) else {
            out?.write("\(CARTABLE_EXT_EVENTS_1) needs the request being handled")
            return CARTABLE_E_INVALID
        }
        guard !exchange.pointee.scope.isEmpty, !exchange.pointee.callerID.isEmpty else {
            out?.write(
                "only a logged-in user in a school emits events: this request has \(exchange.pointee.callerID.isEmpty ? "no user" : "no school")"
            )
            return CARTABLE_E_INVALID
        }
        let bytes = Array(event.string.utf8)
        do {
            let draft = try EventDraft(json: bytes, pluginID: context.manifest.id, emits: context.manifest.events.emits)
            let id = try context.events.emit(
                draft, pluginID: context.manifest.id, schoolID: exchange.pointee.scope, actorID: exchange.pointee.callerID)
            return out?.write(String(id)) ?? CARTABLE_OK
        } catch let refusal as AccessRefusal {
            out?.write(refusal.description)
            return CARTABLE_E_INVALID
        } catch {
            context.logger.error("events: \(error)")
            out?.write("the event could not be stored: \(error)")
            return CARTABLE_E_INTERNAL
        }
    }
