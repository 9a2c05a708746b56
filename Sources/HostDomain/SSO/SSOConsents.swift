// SSOConsents: which tools a user allowed to sign them in, with which scopes; granting, reading and withdrawing that permission.
import Foundation
import GRDB
import HostStorage

/// The `sso_consents` of users.
package struct SSOConsents: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// A tool the user allowed, as their profile lists it.
    package struct Consent: Sendable, Equatable {
        package let clientID: String
        package let name: String
        package let scope: [String]
        package let grantedAt: String
    }

    /// Whether `user` already allowed `client` every scope of `scope`.
    package func covers(user: String, client: String, scope: [String]) throws -> Bool {
        guard
            let granted = try database.pool.read({ db in
                try String.fetchOne(
                    db, sql: "SELECT scope FROM sso_consents WHERE user_id = ? AND client_id = ?", arguments: [user, client])
            })
        else { return false }
        return Set(scope).isSubset(of: Set(granted.split(separator: " ").map(String.init)))
    }

    /// Records (or widens) `user`'s consent to `client` for `scope`, audited.
    package func record(user: String, client: String, scope: [String]) throws {
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_consents (user_id, client_id, scope, granted_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at
                    """, arguments: [user, client, scope.joined(separator: " "), Date().formatted(.iso8601)])
            try AuditLog.record(db, at: Date(), action: "sso.consent", actor: user, target: client, detail: scope.joined(separator: " "))
        }
    }

    /// The tools `user` allowed, by name.
    package func consents(of user: String) throws -> [Consent] {
        try database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, s.scope, s.granted_at FROM sso_consents s JOIN sso_clients c ON c.id = s.client_id
                    WHERE s.user_id = ? ORDER BY c.name
                    """, arguments: [user]
            ).map {
                Consent(
                    clientID: $0["id"], name: $0["name"], scope: ($0["scope"] as String).split(separator: " ").map(String.init),
                    grantedAt: $0["granted_at"])
            }
        }
    }

    /// Withdraws `user`'s consent to `client` and revokes every token the tool holds for them, audited.
    package func withdraw(user: String, client: String) throws {
        try database.pool.write { db in
            try db.execute(sql: "DELETE FROM sso_consents WHERE user_id = ? AND client_id = ?", arguments: [user, client])
            try db.execute(
                sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL",
                arguments: [Date().formatted(.iso8601), user, client])
            try AuditLog.record(db, at: Date(), action: "sso.consent.withdraw", actor: user, target: client)
        }
    }
}
