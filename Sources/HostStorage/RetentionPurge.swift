// RetentionPurge: deletes what the host no longer needs — expired sign-in material, old sessions and their addresses, delivered events, old audit entries.
import Foundation

/// How long the host keeps what grows; `serve --audit-retention-days` and
/// `--address-retention-days` set the two that an authority may want to change.
package struct RetentionPolicy: Sendable, Equatable {
    /// Audit entries older than this are deleted.
    package var auditDays = 365
    /// Sessions keep their client address this long, then lose it.
    package var addressDays = 30
    /// Ended sessions (revoked, or past their absolute lifetime) are deleted after this.
    package var endedSessionDays = 30
    /// Events (with their timeline entries and deliveries) older than this are deleted once delivered.
    package var eventDays = 180
    /// Expired codes, tickets, tokens and pending logins stay this long for replay detection, then go.
    package var expiredGraceDays = 1

    package init() {}
}

/// One pass of the retention job; each table with its own rule, in one transaction.
package struct RetentionPurge: Sendable {
    package let database: HostDatabase
    package let policy: RetentionPolicy

    package init(database: HostDatabase, policy: RetentionPolicy) {
        self.database = database
        self.policy = policy
    }

    /// What one pass removed, per table (for the log and the tests).
    package typealias Counts = [String: Int]

    /// `sessionLifetime` is the sessions' absolute lifetime and `throttleWindow` the failure counters' window
    /// (their owners' values; the defaults are the host's).
    @discardableResult
    package func run(now: Date = Date(), sessionLifetime: TimeInterval = 12 * 3600, throttleWindow: TimeInterval = 15 * 60) throws -> Counts
    {
        let day: TimeInterval = 86_400
        let epoch = now.timeIntervalSince1970
        let iso = { (age: TimeInterval) in now.addingTimeInterval(-age).formatted(.iso8601) }
        let grace = iso(Double(policy.expiredGraceDays) * day)
        return try database.write { db in
            var counts: Counts = [:]
            func purge(_ name: String, _ sql: String, _ arguments: SQLArguments) throws {
                try db.execute(sql: sql, arguments: arguments)
                counts[name, default: 0] += db.changesCount
            }
            let ended = epoch - Double(policy.endedSessionDays) * day
            try purge("sessions", "DELETE FROM sessions WHERE coalesce(revoked_at, created_at + ?) < ?", [sessionLifetime, ended])
            try purge(
                "session_addresses", "UPDATE sessions SET address = NULL WHERE address IS NOT NULL AND created_at < ?",
                [epoch - Double(policy.addressDays) * day])
            try purge("sso_codes", "DELETE FROM sso_codes WHERE expires_at < ?", [grace])
            try purge("sso_tokens", "DELETE FROM sso_tokens WHERE expires_at < ?", [grace])
            try purge("sso_cas_tickets", "DELETE FROM sso_cas_tickets WHERE expires_at < ?", [grace])
            try purge("sso_device_codes", "DELETE FROM sso_device_codes WHERE expires_at < ?", [grace])
            try purge("sso_upstream_states", "DELETE FROM sso_upstream_states WHERE expires_at < ?", [iso(0)])
            try purge("sso_upstream_pending", "DELETE FROM sso_upstream_pending WHERE expires_at < ?", [iso(0)])
            try purge("account_links", "DELETE FROM account_links WHERE expires_at < ?", [epoch - Double(policy.expiredGraceDays) * day])
            try purge("login_failures", "DELETE FROM login_failures WHERE at < ?", [epoch - 2 * throttleWindow])
            let oldEvents =
                "SELECT id FROM events WHERE created_at < ? AND id NOT IN (SELECT event_id FROM event_deliveries WHERE delivered_at IS NULL)"
            let eventCutoff = iso(Double(policy.eventDays) * day)
            try purge("event_deliveries", "DELETE FROM event_deliveries WHERE event_id IN (\(oldEvents))", [eventCutoff])
            try purge("event_recipients", "DELETE FROM event_recipients WHERE event_id IN (\(oldEvents))", [eventCutoff])
            try purge("events", "DELETE FROM events WHERE id IN (\(oldEvents))", [eventCutoff])
            try purge("audit_log", "DELETE FROM audit_log WHERE at < ?", [iso(Double(policy.auditDays) * day)])
            return counts
        }
    }
}
