// EventsExtension: the C tables of `cartable.events/1` and `/2` — a plugin emits an event in the request's school, by the request's user, and settles one.
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

    /// ABI 1.5: the same emit, and settle.
    nonisolated(unsafe) static let table2: UnsafeMutablePointer<cartable_events_v2_t> = {
        let table = UnsafeMutablePointer<cartable_events_v2_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_events_v2_t(
                struct_size: UInt32(MemoryLayout<cartable_events_v2_t>.size), reserved: 0, emit: eventsEmit, settle: eventsSettle))
        return table
    }()
}

/// The plugin's context and the request's school and caller, or the reason (written to `out`) they are missing.
private func schoolRequest(
    _ host: UnsafePointer<cartable_host_t>?, _ request: UnsafePointer<cartable_request_t>?, _ out: UnsafePointer<cartable_sink_t>?,
    doing what: String
) -> (PluginHostContext, school: String, caller: String)? {
    guard let context = PluginHostContext.from(host) else { return nil }
    guard let request, let exchange = PluginExchange.from(request) else {
        out?.write("\(CARTABLE_EXT_EVENTS_1) needs the request being handled")
        return nil
    }
    guard !exchange.pointee.scope.isEmpty, !exchange.pointee.callerID.isEmpty else {
        out?.write(
            "only a logged-in user in a school \(what): this request has \(exchange.pointee.callerID.isEmpty ? "no user" : "no school")")
        return nil
    }
    return (context, exchange.pointee.scope, exchange.pointee.callerID)
}

private let eventsEmit:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, event, out in
        guard let (context, school, caller) = schoolRequest(host, request, out, doing: "emits events") else { return CARTABLE_E_INVALID }
        let bytes = Array(event.string.utf8)
        do {
            let draft = try EventDraft(json: bytes, pluginID: context.manifest.id, emits: context.manifest.events.emits)
            let id = try context.events.emit(draft, pluginID: context.manifest.id, schoolID: school, actorID: caller)
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

private let eventsSettle:
    @convention(c) (
        UnsafePointer<cartable_host_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { host, request, key, sink in
        guard let (context, school, _) = schoolRequest(host, request, sink, doing: "settles events") else { return CARTABLE_E_INVALID }
        do {
            try context.events.store.settle(pluginID: context.manifest.id, schoolID: school, key: key.string)
            return CARTABLE_OK
        } catch let refusal as AccessRefusal {
            sink?.write(refusal.description)
            return CARTABLE_E_INVALID
        } catch {
            context.logger.error("events: settling \(key.string): \(error)")
            sink?.write("the event could not be settled: \(error)")
            return CARTABLE_E_INTERNAL
        }
    }
