// OwnProfileStorage: what a user edits of their own profile — display name, motto, language, and what others may see.
import Foundation

/// The editable columns of a user, as stored (an empty motto is NULL).
package struct OwnProfileFields: Sendable, Equatable {
    package var login: String
    package var displayName: String
    package var motto: String?
    package var language: String?
    package var showEmail: Bool
    package var showBirthDate: Bool
    package var showMotto: Bool

    package init(
        login: String, displayName: String, motto: String?, language: String?, showEmail: Bool, showBirthDate: Bool, showMotto: Bool
    ) {
        self.login = login
        self.displayName = displayName
        self.motto = motto
        self.language = language
        self.showEmail = showEmail
        self.showBirthDate = showBirthDate
        self.showMotto = showMotto
    }
}

package protocol OwnProfileStorage: Sendable {
    func ownProfile(userID: String) throws -> OwnProfileFields?
    /// Saves every field but the login, with `audit`.
    func saveOwnProfile(_ fields: OwnProfileFields, userID: String, at: Date, audit: AuditEntry) throws
}

extension HostDatabase {
    /// Users' own profiles in this database.
    package var ownProfiles: any OwnProfileStorage { SQLOwnProfileStorage(database: self) }
}

struct SQLOwnProfileStorage: OwnProfileStorage {
    let database: HostDatabase

    func ownProfile(userID: String) throws -> OwnProfileFields? {
        try database.read { db in
            try SQLRow.fetchOne(
                db, sql: "SELECT login, display_name, motto, language, show_email, show_birth_date, show_motto FROM users WHERE id = ?",
                arguments: [userID]
            ).map {
                OwnProfileFields(
                    login: $0["login"], displayName: $0["display_name"], motto: $0["motto"], language: $0["language"],
                    showEmail: $0["show_email"], showBirthDate: $0["show_birth_date"], showMotto: $0["show_motto"])
            }
        }
    }

    func saveOwnProfile(_ fields: OwnProfileFields, userID: String, at: Date, audit: AuditEntry) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET display_name = ?, motto = ?, language = ?, show_email = ?, show_birth_date = ?, show_motto = ?, updated_at = ? WHERE id = ?
                    """,
                arguments: [
                    fields.displayName, fields.motto, fields.language, fields.showEmail, fields.showBirthDate, fields.showMotto,
                    at.formatted(.iso8601), userID,
                ])
            try AuditLog.record(db, audit)
        }
    }
}
