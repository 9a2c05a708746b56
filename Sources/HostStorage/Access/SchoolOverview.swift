// SchoolOverview: a school's classes with their sizes, its groups with their members and its roles with their grants, for the console.

/// The school page's picture of one school, read in one transaction (SQLite's statements, for now beside the record they fill).
package struct SchoolOverview: Sendable {
    package struct Class: Sendable { package let name: String; package let level: String?; package let members: Int }
    package struct Member: Sendable { package let id: String; package let login: String; package let name: String }
    package struct Group: Sendable {
        package let id: String; package let name: String; package let manual: Bool; package let members: [Member]
    }
    package struct Role: Sendable {
        package let id: String; package let name: String; package let actions: [String]; package let groupIDs: [String]
    }
    package let classes: [Class]
    package let groups: [Group]
    package let roles: [Role]

    /// What the school has now, within an open read.
    static func read(_ db: any SQLSession, schoolID: String) throws -> SchoolOverview {
        let classes = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT c.name, c.level, (SELECT count(*) FROM user_classes uc WHERE uc.class_id = c.id) AS members
                FROM classes c WHERE c.school_id = ? ORDER BY c.level, c.name
                """, arguments: [schoolID]
        ).map { Class(name: $0["name"], level: $0["level"], members: $0["members"]) }
        var members: [String: [Member]] = [:]
        for row in try SQLRow.fetchAll(
            db,
            sql: """
                SELECT gm.group_id, u.id, u.login, u.display_name FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN users u ON u.id = gm.user_id
                WHERE g.school_id = ? AND g.kind = 'manual' ORDER BY u.display_name
                """, arguments: [schoolID])
        {
            members[row["group_id"], default: []].append(Member(id: row["id"], login: row["login"], name: row["display_name"]))
        }
        let groups = try SQLRow.fetchAll(
            db,
            sql: """
                SELECT g.id, g.name, g.kind FROM groups g LEFT JOIN classes c ON c.id = g.class_id
                WHERE g.school_id = ? ORDER BY g.kind DESC, c.name IS NOT NULL, c.name, g.name
                """, arguments: [schoolID]
        ).map { row in
            let id: String = row["id"]
            return Group(id: id, name: row["name"], manual: row["kind"] as String == "manual", members: members[id] ?? [])
        }
        var actions: [String: [String]] = [:], grants: [String: [String]] = [:]
        for row in try SQLRow.fetchAll(
            db,
            sql:
                "SELECT ra.role_id, ra.action FROM role_actions ra JOIN roles r ON r.id = ra.role_id WHERE r.school_id = ? ORDER BY ra.action",
            arguments: [schoolID])
        {
            actions[row["role_id"], default: []].append(row["action"])
        }
        for row in try SQLRow.fetchAll(
            db, sql: "SELECT rg.role_id, rg.group_id FROM role_grants rg JOIN roles r ON r.id = rg.role_id WHERE r.school_id = ?",
            arguments: [schoolID])
        {
            grants[row["role_id"], default: []].append(row["group_id"])
        }
        let roles = try SQLRow.fetchAll(db, sql: "SELECT id, name FROM roles WHERE school_id = ? ORDER BY name", arguments: [schoolID]).map
        {
            row in
            let id: String = row["id"]
            return Role(id: id, name: row["name"], actions: actions[id] ?? [], groupIDs: grants[id] ?? [])
        }
        return SchoolOverview(classes: classes, groups: groups, roles: roles)
    }
}
