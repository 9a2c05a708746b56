// AuditEntry: one line of the audit log, written by storage in the same transaction as the change it records.
import Foundation

/// What happened, who did it, to what, from where, in which school. Never a password or a code.
package struct AuditEntry: Sendable, Equatable {
    package var at: Date
    package var action: String
    package var actor: String?
    package var target: String?
    package var detail: String?
    package var address: String?
    package var school: String?

    package init(
        at: Date = Date(), action: String, actor: String? = nil, target: String? = nil, detail: String? = nil, address: String? = nil,
        school: String? = nil
    ) {
        self.at = at
        self.action = action
        self.actor = actor
        self.target = target
        self.detail = detail
        self.address = address
        self.school = school
    }
}
