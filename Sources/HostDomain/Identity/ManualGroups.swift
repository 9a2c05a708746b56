// ManualGroups: groups a school admin makes by hand (a choir, a project team), and their members.
import Foundation
import HostStorage

/// Manual groups belong to one school; members must be current members of that school.
/// Every change is audited and bumps the school's `grants_version`, since roles granted to
/// the group change what its members may do.
package struct ManualGroups: Sendable {
    let storage: any ManualGroupsStorage

    package init(storage: any ManualGroupsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.manualGroups)
    }

    /// Creates a manual group; returns its id.
    @discardableResult
    package func create(schoolID: String, name: String, by actor: String?) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw AccessRefusal(key: "refusal.group_name") }
        let id = UUID().uuidString.lowercased()
        do {
            try storage.create(
                id: id, schoolID: schoolID, name: trimmed,
                audit: AuditEntry(action: "group.create", actor: actor, target: id, detail: trimmed, school: schoolID))
        } catch is GroupNameTaken {
            throw AccessRefusal(key: "refusal.group_exists", trimmed)
        }
        return id
    }

    /// Deletes a manual group with its memberships and role grants (its members keep their accounts).
    package func delete(groupID: String, schoolID: String, by actor: String?) throws {
        try storage.delete(groupID: groupID, schoolID: schoolID, check: { try Self.requireManual($0, groupID) }) { name in
            AuditEntry(action: "group.delete", actor: actor, target: groupID, detail: name, school: schoolID)
        }
    }

    /// Adds the user with `login` to the group; they must be a current member of its school.
    package func add(login: String, groupID: String, schoolID: String, by actor: String?) throws {
        let added = try storage.add(
            login: login.trimmingCharacters(in: .whitespaces).lowercased(), groupID: groupID, schoolID: schoolID,
            check: { try Self.requireManual($0, groupID) },
            audit: { userID in AuditEntry(action: "group.add", actor: actor, target: groupID, detail: userID, school: schoolID) })
        guard added else { throw AccessRefusal(key: "refusal.not_a_member_login", login) }
    }

    /// Removes a member from the group.
    package func remove(userID: String, groupID: String, schoolID: String, by actor: String?) throws {
        try storage.remove(
            userID: userID, groupID: groupID, schoolID: schoolID, check: { try Self.requireManual($0, groupID) },
            audit: AuditEntry(action: "group.remove", actor: actor, target: groupID, detail: userID, school: schoolID))
    }

    /// A group of the school, made by hand: profile groups follow the directory.
    private static func requireManual(_ group: FoundGroup?, _ groupID: String) throws {
        guard let group else { throw AccessRefusal(key: "refusal.no_group", groupID) }
        guard group.kind == "manual" else { throw AccessRefusal(key: "refusal.profile_group") }
    }
}
