// Anonymizer: removes everything that identifies a departed user from the host's tables.
import Foundation
import GRDB
import HostStorage

/// The host's half of anonymizing a user (plugins erase theirs first, through
/// `cartable.personal-data/1`). The row stays, so what others wrote keeps its shape, but
/// names, login, identifiers, contact data, avatar, links and sessions go, in one transaction.
package enum Anonymizer {
    /// The name an anonymized account shows everywhere.
    package static let displayName = "—"

    package struct Refusal: Error, Equatable {
        /// Locale key of the reason.
        package let key: String
        package init(key: String) { self.key = key }
    }

    /// Anonymizes `userID` on behalf of `adminID`; refuses a user outside the admin's reach.
    package static func anonymize(
        userID: String, by adminID: String?, rights: AdminRights?, schoolID: String?, address: String?, database: SQLiteDatabase,
        at date: Date = Date()
    ) throws {
        try database.pool.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [userID]) else {
                throw Refusal(key: "admin.user_not_found")
            }
            if let rights, !rights.administers(try AdminReachSQL.memberships(db, userID: userID)) {
                throw Refusal(key: "admin.out_of_scope")
            }
            guard state != "anonymized" else { throw Refusal(key: "admin.already_anonymized") }
            let stamp = date.formatted(.iso8601)
            try db.execute(
                sql: """
                    UPDATE users SET external_id = NULL, login = ?, first_name = '', last_name = '', display_name = ?, email = NULL,
                        birth_date = NULL, motto = NULL, show_email = 0, show_birth_date = 0, show_motto = 0, state = 'anonymized',
                        password_hash = NULL, activation_code = NULL, activation_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, arguments: ["anonymized-" + userID, displayName, stamp, userID])
            try db.execute(sql: "DELETE FROM avatars WHERE user_id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM parent_links WHERE parent_id = ? OR child_id = ?", arguments: [userID, userID])
            try db.execute(sql: "DELETE FROM user_classes WHERE user_id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM group_members WHERE user_id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM shares WHERE target_kind = 'user' AND target_id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM plugin_visits WHERE user_id = ?", arguments: [userID])
            try db.execute(sql: "DELETE FROM admin_functions WHERE user_id = ?", arguments: [userID])
            // Single sign-on: the tools they allowed and their tokens, the external identities linked to them.
            try db.execute(sql: "DELETE FROM sso_consents WHERE user_id = ?", arguments: [userID])
            try db.execute(
                sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", arguments: [stamp, userID])
            try db.execute(sql: "DELETE FROM sso_upstream_links WHERE user_id = ?", arguments: [userID])
            try db.execute(
                sql: "UPDATE user_schools SET detached_at = ? WHERE user_id = ? AND detached_at IS NULL", arguments: [stamp, userID])
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ?, address = NULL WHERE user_id = ?",
                arguments: [date.timeIntervalSince1970, userID])
            try db.execute(sql: "UPDATE audit_log SET address = NULL WHERE actor_id = ?", arguments: [userID])
            try AuditLog.record(db, at: date, action: "user.anonymize", actor: adminID, target: userID, address: address, school: schoolID)
        }
    }
}
