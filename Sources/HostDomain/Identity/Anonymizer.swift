// Anonymizer: removes everything that identifies a departed user from the host's tables.
import Foundation
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
        userID: String, by adminID: String?, rights: AdminRights?, schoolID: String?, address: String?, database: HostDatabase,
        at date: Date = Date()
    ) throws {
        let found = try database.personalData.anonymize(
            userID: userID, login: "anonymized-" + userID, displayName: displayName, at: date,
            check: { state, memberships in
                if let rights, !rights.administers(memberships) { throw Refusal(key: "admin.out_of_scope") }
                guard state != "anonymized" else { throw Refusal(key: "admin.already_anonymized") }
            },
            audit: AuditEntry(at: date, action: "user.anonymize", actor: adminID, target: userID, address: address, school: schoolID))
        guard found else { throw Refusal(key: "admin.user_not_found") }
    }
}
