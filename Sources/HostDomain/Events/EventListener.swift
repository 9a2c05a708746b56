// EventListener: what receives a stored event — a plugin version serving the event's school.

/// What one delivery gave back.
package enum EventOutcome: Sendable, Equatable {
    /// The listener does not listen (a plugin's manifest subscribes, its code does not listen).
    case unsupported
    case handled
    /// The listener failed; it gets the event again later.
    case failed(String)
}

/// A receiver of events; the plugin runtime makes each loaded plugin one.
package protocol EventListener: Sendable {
    /// Hands `json` over in a request of the event's school by its actor. May block.
    func deliver(_ json: String, schoolID: String, actorID: String?) -> EventOutcome
}
