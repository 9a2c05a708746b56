// Roles: roles of a school, the actions they bundle, and their grants to the school's groups.
import Foundation
import HostStorage

/// Every change bumps the school's `grants_version`, so each session recomputes its
/// actions on its next request, and is audited.
package struct Roles: Sendable {
    let storage: any RolesStorage

    package init(storage: any RolesStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.roles)
    }

    /// Creates a role bundling `actions` in a school; returns its id.
    @discardableResult
    package func create(schoolID: String, name: String, actions: Set<String>, pluginID: String? = nil, by actor: String?) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw AccessRefusal(key: "refusal.role_name") }
        let id = UUID().uuidString.lowercased()
        let audit = AuditEntry(
            action: "role.create", actor: actor, target: id, detail: "\(trimmed): \(actions.sorted().joined(separator: ", "))",
            school: schoolID)
        do {
            try storage.create(
                id: id, schoolID: schoolID, name: trimmed, pluginID: pluginID, actions: actions.sorted(), at: Date(), audit: audit)
        } catch is RoleNameTaken {
            throw AccessRefusal(key: "refusal.role_exists", trimmed)
        }
        return id
    }

    /// Grants a role to a group of the same school; with `schoolID`, both must belong to that school.
    package func grant(roleID: String, groupID: String, in schoolID: String? = nil, by actor: String?) throws {
        try setGrant(roleID: roleID, groupID: groupID, granted: true, in: schoolID, action: "role.grant", by: actor)
    }

    /// Withdraws a role from a group.
    package func revoke(roleID: String, groupID: String, in schoolID: String? = nil, by actor: String?) throws {
        try setGrant(roleID: roleID, groupID: groupID, granted: false, in: schoolID, action: "role.revoke", by: actor)
    }

    private func setGrant(roleID: String, groupID: String, granted: Bool, in expected: String?, action: String, by actor: String?) throws {
        try storage.setGrant(
            roleID: roleID, groupID: groupID, granted: granted,
            check: { roleSchool, groupSchool in
                // The role (of `expected` when given) and the group belong to one school.
                guard let roleSchool, expected == nil || expected == roleSchool else { throw AccessRefusal(key: "refusal.no_role", roleID) }
                guard let groupSchool else { throw AccessRefusal(key: "refusal.no_group", groupID) }
                guard roleSchool == groupSchool else { throw AccessRefusal(key: "refusal.grant_other_school") }
                return roleSchool
            },
            audit: { school in AuditEntry(action: action, actor: actor, target: roleID, detail: groupID, school: school) })
    }

    /// Deletes a role of `schoolID` with its grants.
    package func delete(roleID: String, in schoolID: String, by actor: String?) throws {
        let deleted = try storage.delete(roleID: roleID, schoolID: schoolID) { name in
            AuditEntry(action: "role.delete", actor: actor, target: roleID, detail: name, school: schoolID)
        }
        guard deleted else { throw AccessRefusal(key: "refusal.no_role", roleID) }
    }
}
