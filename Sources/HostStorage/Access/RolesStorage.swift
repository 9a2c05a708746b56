// RolesStorage: what roles store — a school's roles, the actions each bundles, their grants to the school's groups.
import Foundation

/// A role of that name already exists in the school.
package struct RoleNameTaken: Error, Equatable {}

/// Every change moves the school's grants version (sessions recompute their actions) and
/// records its audit line, in the same transaction.
package protocol RolesStorage: Sendable {
    /// Creates role `id`; throws ``RoleNameTaken`` when the school has a role of that name.
    func create(id: String, schoolID: String, name: String, pluginID: String?, actions: [String], at: Date, audit: AuditEntry) throws
    /// Grants (or, with `granted` false, withdraws) a role to a group. `check` sees the school
    /// of the role and of the group (nil: no such one), refuses by throwing, or answers the
    /// school the change belongs to, for `audit`.
    func setGrant(
        roleID: String, groupID: String, granted: Bool, check: (_ roleSchool: String?, _ groupSchool: String?) throws -> String,
        audit: (String) -> AuditEntry
    ) throws
    /// Deletes a role of `schoolID` with its actions and grants; `audit` gets its name. False when there is no such role.
    func delete(roleID: String, schoolID: String, audit: (String) -> AuditEntry) throws -> Bool
}
