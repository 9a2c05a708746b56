// EventDelivery: hands stored events to the plugins that subscribe — at least once, retried with backoff, surviving restarts.
import CartableText
import CartableWire
import Foundation
import GRDB
import HostStorage
import Logging

/// Each pass claims the due deliveries (so two host processes do not both run one), calls
/// the plugin version serving the event's school, and records the outcome: delivered, or
/// retried after 2, 4, 8… seconds, at most an hour apart. A plugin that is not enabled for
/// the school, or that offers no listener, is skipped (recorded as delivered, with why).
package struct EventDelivery: Sendable {
    package let database: SQLiteDatabase
    package let logger: Logger
    /// A claimed delivery is retried by another pass after this long if its process died mid-call.
    static let lease: TimeInterval = 300

    package init(database: SQLiteDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
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
        let due = try database.pool.write { db -> [Row] in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.event_id, d.plugin_id, d.attempts, e.plugin_id AS emitter, e.school_id, e.type, e.actor_id, e.link, e.resource, e.params, e.audience, e.created_at
                    FROM event_deliveries d JOIN events e ON e.id = d.event_id
                    WHERE d.delivered_at IS NULL AND d.next_at <= ? ORDER BY d.event_id LIMIT ?
                    """, arguments: [now.timeIntervalSince1970, limit])
            for row in rows {
                try db.execute(
                    sql: "UPDATE event_deliveries SET next_at = ? WHERE event_id = ? AND plugin_id = ?",
                    arguments: [now.timeIntervalSince1970 + Self.lease, row["event_id"] as Int64, row["plugin_id"] as String])
            }
            return rows
        }
        var handled = 0
        for row in due {
            let eventID: Int64 = row["event_id"], pluginID: String = row["plugin_id"], schoolID: String = row["school_id"]
            let outcome: EventOutcome
            if let listener = try resolve(pluginID, schoolID) {
                outcome = listener.deliver(try Self.json(row), schoolID: schoolID, actorID: row["actor_id"])
            } else {
                outcome = .unsupported
            }
            try database.pool.write { db in
                switch outcome {
                case .handled, .unsupported:
                    try db.execute(
                        sql: "UPDATE event_deliveries SET delivered_at = ?, last_error = ? WHERE event_id = ? AND plugin_id = ?",
                        arguments: [
                            now.formatted(.iso8601), outcome == .handled ? nil : "skipped: not enabled for the school or no listener",
                            eventID, pluginID,
                        ])
                case .failed(let message):
                    let attempts = (row["attempts"] as Int) + 1
                    try db.execute(
                        sql: "UPDATE event_deliveries SET attempts = ?, next_at = ?, last_error = ? WHERE event_id = ? AND plugin_id = ?",
                        arguments: [
                            attempts, now.timeIntervalSince1970 + Self.backoff(attempts), String(message.prefix(1000)), eventID, pluginID,
                        ])
                    logger.warning("event \(eventID) to \(pluginID) failed (attempt \(attempts)): \(message)")
                }
            }
            if outcome == .handled { handled += 1 }
        }
        return handled
    }

    /// The event as the listener receives it.
    static func json(_ row: Row) throws -> String {
        let params = (try? JSONDecoder().decode([String: String].self, from: Data((row["params"] as String).utf8))) ?? [:]
        let audience = (try? JSONDecoder().decode(EventAudience.self, from: Data((row["audience"] as String).utf8))) ?? EventAudience()
        let event = ReceivedEvent(
            id: String(row["event_id"] as Int64), type: row["type"], plugin: row["emitter"], schoolID: row["school_id"],
            actorID: row["actor_id"], link: row["link"], resource: row["resource"], params: params, audience: audience,
            at: row["created_at"])
        return String(decoding: try JSONEncoder.sortedKeys.encode(event), as: UTF8.self)
    }
}
