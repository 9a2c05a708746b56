// PersonalDataStorage: the host's rows about one person — read for the RGPD export, erased by anonymization — audited in the same transaction.
import Foundation

package protocol PersonalDataStorage: Sendable {
    /// The host's rows about `userID` (nil: no such user), read with `audit` recorded in the same transaction.
    func export(userID: String, audit: AuditEntry) throws -> HostPersonalData?
    /// Anonymizes `userID` in one transaction, once `check(state, memberships)` accepted it: the row stays
    /// (under `login` and `displayName`) but names, identifiers, contact data, avatar, links, shares, visits,
    /// admin functions, consents, tools' tokens, external identities, schools, sessions and the addresses
    /// the audit log kept of them go, with `audit`. Returns false for no such user.
    func anonymize(
        userID: String, login: String, displayName: String, at: Date,
        check: (_ state: String, _ memberships: [SchoolMembership]) throws -> Void, audit: AuditEntry
    ) throws -> Bool
}

extension HostDatabase {
    /// What the host keeps about people, in this database.
    package var personalData: any PersonalDataStorage { SQLPersonalDataStorage(database: self) }
}

struct SQLPersonalDataStorage: PersonalDataStorage {
    let database: HostDatabase

    func export(userID: String, audit: AuditEntry) throws -> HostPersonalData? {
        try database.write { db in
            let data = try HostPersonalData.load(db, userID: userID)
            try AuditLog.record(db, audit)
            return data
        }
    }
}

extension SQLPersonalDataStorage {
    func anonymize(
        userID: String, login: String, displayName: String, at date: Date,
        check: (_ state: String, _ memberships: [SchoolMembership]) throws -> Void, audit: AuditEntry
    ) throws -> Bool {
        try database.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM users WHERE id = ?", arguments: [userID]) else {
                return false
            }
            try check(state, try AdminReachSQL.memberships(db, userID: userID))
            let stamp = date.formatted(.iso8601)
            try db.execute(
                sql: """
                    UPDATE users SET external_id = NULL, login = ?, first_name = '', last_name = '', display_name = ?, email = NULL, email_verified_at = NULL,
                        birth_date = NULL, motto = NULL, show_email = 0, show_birth_date = 0, show_motto = 0, state = 'anonymized',
                        password_hash = NULL, activation_code = NULL, activation_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, arguments: [login, displayName, stamp, userID])
            for statement in [
                "DELETE FROM avatars WHERE user_id = ?",
                "DELETE FROM account_links WHERE user_id = ?",
                "DELETE FROM user_classes WHERE user_id = ?",
                "DELETE FROM group_members WHERE user_id = ?",
                "DELETE FROM shares WHERE target_kind = 'user' AND target_id = ?",
                "DELETE FROM plugin_visits WHERE user_id = ?",
                "DELETE FROM admin_functions WHERE user_id = ?",
                // Single sign-on: the tools they allowed, the external identities linked to them.
                "DELETE FROM sso_consents WHERE user_id = ?",
                "DELETE FROM sso_upstream_links WHERE user_id = ?",
                "UPDATE audit_log SET address = NULL WHERE actor_id = ?",
            ] {
                try db.execute(sql: statement, arguments: [userID])
            }
            try db.execute(sql: "DELETE FROM parent_links WHERE parent_id = ? OR child_id = ?", arguments: [userID, userID])
            try db.execute(
                sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", arguments: [stamp, userID])
            try db.execute(
                sql: "UPDATE user_schools SET detached_at = ? WHERE user_id = ? AND detached_at IS NULL", arguments: [stamp, userID])
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ?, address = NULL WHERE user_id = ?",
                arguments: [date.timeIntervalSince1970, userID])
            try AuditLog.record(db, audit)
            return true
        }
    }
}
