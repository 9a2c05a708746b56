// Events: the Swift client of `cartable.events/2` — emit an event for the timeline and for plugins that listen, settle one that was dealt with.
import CartableWire
import Foundation

/// Emits (and settles) events in the caller's school, by the caller. Valid only during the handler.
///
/// ```swift
/// try request.events.emit("blogs.post.published", to: .init(groups: [classGroup]),
///                         link: "/apps/blogs/posts/\(id)", resource: "blog-\(blog)", params: ["title": post.title])
/// ```
/// The timeline shows the plugin's locale string `event.<type>` (`"{actor} a publié « {title} »"`).
public struct Events {
    /// Who sees an event on their timeline: users and groups of the current school.
    public typealias Audience = EventAudience

    let host: UnsafePointer<cartable_host_t>
    let request: UnsafePointer<cartable_request_t>
    let table: UnsafePointer<cartable_events_v2_t>

    init(host: UnsafePointer<cartable_host_t>, request: UnsafePointer<cartable_request_t>) throws {
        // A plugin built with this PluginKit (ABI 1.5) loads only in hosts that offer events/2.
        self.table = try host.extensionTable(CARTABLE_EXT_EVENTS_2, as: cartable_events_v2_t.self)
        self.host = host
        self.request = request
    }

    /// Emits an event of a type the manifest declares; returns its id. With `key`, emitting
    /// twice (a retried form) stores it once.
    @discardableResult
    public func emit(
        _ type: String, to audience: Audience, link: String, resource: String? = nil, params: [String: String] = [:], key: String? = nil
    ) throws -> String {
        let event = EmittedEvent(type: type, audience: audience, link: link, resource: resource, params: params, key: key)
        let json = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
        let data = try hostCall { out in json.withCartableString { table.pointee.emit?(host, request, $0, out) ?? CARTABLE_E_UNSUPPORTED } }
        return String(decoding: data, as: UTF8.self)
    }

    /// Takes the event emitted under `key` off every timeline and unread count, once what it
    /// asked for is done (a comment approved or deleted). An unknown key does nothing.
    public func settle(key: String) throws {
        _ = try hostCall { out in key.withCartableString { table.pointee.settle?(host, request, $0, out) ?? CARTABLE_E_UNSUPPORTED } }
    }
}

/// What a Swift plugin implements to receive the events its manifest subscribes to
/// (`"events": {"subscribes": ["blogs.*"]}`). Delivery is at least once: a thrown error
/// brings the event back later, so handle each ``ReceivedEvent/id`` once.
public protocol EventListener {
    /// Handles one event; `request.store` sees the event's school.
    func receive(_ event: ReceivedEvent, request: PluginRequest) throws
}

/// The C table PluginKit hands the host for plugins that conform.
enum EventListenerExport {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<cartable_event_listener_v1_t> = {
        let table = UnsafeMutablePointer<cartable_event_listener_v1_t>.allocate(capacity: 1)
        table.initialize(
            to: cartable_event_listener_v1_t(
                struct_size: UInt32(MemoryLayout<cartable_event_listener_v1_t>.size), reserved: 0, on_event: listenerOnEvent))
        return table
    }()
}

private let listenerOnEvent:
    @convention(c) (
        UnsafePointer<cartable_plugin_t>?, UnsafePointer<cartable_request_t>?, cartable_str_t, UnsafePointer<cartable_sink_t>?
    ) -> Int32 = { plugin, request, event, error in
        guard let instance = AnyPluginInstance.from(plugin), let request, let error else { return CARTABLE_E_INVALID }
        return instance.receive(request, event: event.string, error: error)
    }
