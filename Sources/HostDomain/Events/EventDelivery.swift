// EventDelivery: hands stored events to the plugins that subscribe — at least once, retried with backoff, surviving restarts.
import CartableText
import CartableWire
import Foundation
import HostStorage
import Logging

/// Each pass claims the due deliveries (so two host processes do not both run one), calls
/// the plugin version serving the event's school, and records the outcome: delivered, or
/// retried after 2, 4, 8… seconds, at most an hour apart. A plugin that is not enabled for
/// the school, or that offers no listener, is skipped (recorded as delivered, with why).
package struct EventDelivery: Sendable {
    let storage: any EventsStorage
    package let logger: Logger
    /// A claimed delivery is retried by another pass after this long if its process died mid-call.
    static let lease: TimeInterval = 300

    package init(storage: any EventsStorage, logger: Logger) {
        self.storage = storage
        self.logger = logger
    }

    package init(database: HostDatabase, logger: Logger) {
        self.init(storage: database.events, logger: logger)
    }

    /// Delay before the next attempt after `attempts` failures.
    static func backoff(_ attempts: Int) -> TimeInterval {
        min(3600, 2 * pow(2, Double(min(attempts, 20) - 1)))
    }

    /// Delivers what is due now; `resolve` gives the plugin serving a school (nil: not enabled there). Returns how many were handled.
    @discardableResult
    package func deliverDue(
        now: Date = Date(), limit: Int = 100, resolve: (_ pluginID: String, _ schoolID: String) throws -> (any EventListener)?
    ) throws -> Int {
        let due = try storage.claimDue(now: now, limit: limit, lease: Self.lease)
        var handled = 0
        for delivery in due {
            let outcome: EventOutcome
            if let listener = try resolve(delivery.pluginID, delivery.schoolID) {
                outcome = listener.deliver(try Self.json(delivery), schoolID: delivery.schoolID, actorID: delivery.actorID)
            } else {
                outcome = .unsupported
            }
            switch outcome {
            case .handled, .unsupported:
                try storage.markDelivered(
                    eventID: delivery.eventID, pluginID: delivery.pluginID, at: now,
                    note: outcome == .handled ? nil : "skipped: not enabled for the school or no listener")
            case .failed(let message):
                let attempts = delivery.attempts + 1
                try storage.scheduleRetry(
                    eventID: delivery.eventID, pluginID: delivery.pluginID, attempts: attempts,
                    next: now.addingTimeInterval(Self.backoff(attempts)), error: String(message.prefix(1000)))
                logger.warning("event \(delivery.eventID) to \(delivery.pluginID) failed (attempt \(attempts)): \(message)")
            }
            if outcome == .handled { handled += 1 }
        }
        return handled
    }

    /// The event as the listener receives it.
    static func json(_ delivery: DueDelivery) throws -> String {
        let params = (try? JSONDecoder().decode([String: String].self, from: Data(delivery.params.utf8))) ?? [:]
        let audience = (try? JSONDecoder().decode(EventAudience.self, from: Data(delivery.audience.utf8))) ?? EventAudience()
        let event = ReceivedEvent(
            id: String(delivery.eventID), type: delivery.type, plugin: delivery.emitter, schoolID: delivery.schoolID,
            actorID: delivery.actorID, link: delivery.link, resource: delivery.resource, params: params, audience: audience,
            at: delivery.createdAt)
        return String(decoding: try JSONEncoder.sortedKeys.encode(event), as: UTF8.self)
    }
}
