// HostPersonalData: everything the host itself keeps about one user, for their RGPD export, and its read.
import Foundation

/// The host's part of `GET /profile/export`; plugins add theirs through `cartable.personal-data/1`.
/// Never includes secrets: no password hash, no activation or reset code, no session token.
package struct HostPersonalData: Codable, Sendable {
    package struct Account: Codable, Sendable {
        let id: String
        let externalID: String?
        let login: String
        let firstName: String
        let lastName: String
        package let displayName: String
        package let profile: String
        let email: String?
        let birthDate: String?
        let motto: String?
        let showEmail: Bool
        let showBirthDate: Bool
        let showMotto: Bool
        let state: String
        let createdAt: String
        let updatedAt: String
        let hasAvatar: Bool
    }

    package struct Membership: Codable, Sendable {
        let uai: String
        let school: String
        let detachedAt: String?
        let classes: [String]
    }

    package struct Relation: Codable, Sendable {
        let id: String
        let displayName: String
    }

    package struct SessionRecord: Codable, Sendable {
        let createdAt: String
        let lastSeenAt: String
        let revokedAt: String?
        let address: String?
    }

    package struct AuditEntry: Codable, Sendable {
        let at: String
        let action: String
        let detail: String?
        let address: String?
    }

    /// A tool the user allowed to sign them in (single sign-on).
    package struct AllowedTool: Codable, Sendable {
        let tool: String
        let scope: String
        let grantedAt: String
    }

    /// An external login provider linked to the account.
    package struct LinkedProvider: Codable, Sendable {
        let provider: String
        let linkedAt: String
    }

    package let account: Account
    package let schools: [Membership]
    package let parents: [Relation]
    package let children: [Relation]
    package let adminFunctions: [String]
    package let sessions: [SessionRecord]
    /// What the user did themselves (logins, profile changes…).
    package let activity: [AuditEntry]
    package let allowedTools: [AllowedTool]
    package let linkedProviders: [LinkedProvider]

    /// Reads the host's data about `userID` within an open transaction, or nil when there is no such user.
    static func load(_ db: any SQLSession, userID: String) throws -> HostPersonalData? {
        guard
            let row = try SQLRow.fetchOne(
                db,
                sql: """
                    SELECT u.*, (SELECT 1 FROM avatars a WHERE a.user_id = u.id) AS has_avatar FROM users u WHERE u.id = ?
                    """, arguments: [userID])
        else { return nil }
        let account = Account(
            id: row["id"], externalID: row["external_id"], login: row["login"], firstName: row["first_name"], lastName: row["last_name"],
            displayName: row["display_name"], profile: row["profile"], email: row["email"], birthDate: row["birth_date"],
            motto: row["motto"],
            showEmail: row["show_email"], showBirthDate: row["show_birth_date"], showMotto: row["show_motto"], state: row["state"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], hasAvatar: row["has_avatar"] as Bool? ?? false)
        let schools = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT s.id, s.uai, s.name, us.detached_at FROM user_schools us JOIN schools s ON s.id = us.school_id
                WHERE us.user_id = ? ORDER BY s.uai
                """, arguments: [userID]
        ).map { school in
            Membership(
                uai: school["uai"], school: school["name"], detachedAt: school["detached_at"],
                classes: try String.fetchAll(
                    db,
                    sql: """
                        SELECT c.name FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                        """, arguments: [userID, school["id"] as String]))
        }
        let relation = { (sql: String) in
            try SQLRow.fetchAll(db, sql: sql, arguments: [userID]).map { Relation(id: $0["id"], displayName: $0["display_name"]) }
        }
        let stamp = { (value: Double?) in value.map { Date(timeIntervalSince1970: $0).formatted(.iso8601) } }
        return HostPersonalData(
            account: account, schools: schools,
            parents: try relation(
                "SELECT u.id, u.display_name FROM parent_links p JOIN users u ON u.id = p.parent_id WHERE p.child_id = ? ORDER BY u.display_name"
            ),
            children: try relation(
                "SELECT u.id, u.display_name FROM parent_links p JOIN users u ON u.id = p.child_id WHERE p.parent_id = ? ORDER BY u.display_name"
            ),
            adminFunctions: try SQLRow.fetchAll(
                db, sql: "SELECT function, scope_id FROM admin_functions WHERE user_id = ? ORDER BY function, scope_id", arguments: [userID]
            )
            .map { "\($0["function"] as String)\(($0["scope_id"] as String).isEmpty ? "" : ":" + ($0["scope_id"] as String))" },
            sessions: try SQLRow.fetchAll(
                db, sql: "SELECT created_at, last_seen_at, revoked_at, address FROM sessions WHERE user_id = ? ORDER BY created_at",
                arguments: [userID]
            )
            .map {
                SessionRecord(
                    createdAt: stamp($0["created_at"]) ?? "", lastSeenAt: stamp($0["last_seen_at"]) ?? "",
                    revokedAt: stamp($0["revoked_at"]), address: $0["address"])
            },
            activity: try SQLRow.fetchAll(
                db, sql: "SELECT at, action, detail, address FROM audit_log WHERE actor_id = ? ORDER BY id", arguments: [userID]
            )
            .map { AuditEntry(at: $0["at"], action: $0["action"], detail: $0["detail"], address: $0["address"]) },
            allowedTools: try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT c.name, s.scope, s.granted_at FROM sso_consents s JOIN sso_clients c ON c.id = s.client_id WHERE s.user_id = ? ORDER BY c.name
                    """, arguments: [userID]
            ).map { AllowedTool(tool: $0["name"], scope: $0["scope"], grantedAt: $0["granted_at"]) },
            linkedProviders: try SQLRow.fetchAll(
                db, sql: "SELECT provider, linked_at FROM sso_upstream_links WHERE user_id = ? ORDER BY provider", arguments: [userID]
            )
            .map { LinkedProvider(provider: $0["provider"], linkedAt: $0["linked_at"]) })
    }
}
