// AuditLog: records security-relevant actions (logins, failures, activations, imports, admin actions).
import Foundation

/// Appends to `audit_log`; admins read it. Never holds passwords or codes.
package enum AuditLog {
    package static func record(
        _ db: any SQLSession, at date: Date, action: String, actor: String? = nil, target: String? = nil, detail: String? = nil,
        address: String? = nil, school: String? = nil
    ) throws {
        try db.cachedStatement(
            sql: "INSERT INTO audit_log (at, actor_id, action, target, detail, address, school_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        .execute(arguments: [date.formatted(.iso8601), actor, action, target, detail, address, school])
    }
}

extension AuditLog {
    /// Appends `entry` within the open transaction `db`.
    package static func record(_ db: any SQLSession, _ entry: AuditEntry) throws {
        try record(
            db, at: entry.at, action: entry.action, actor: entry.actor, target: entry.target, detail: entry.detail,
            address: entry.address, school: entry.school)
    }
}
