// ProfileViewStorage: what showing one person's profile to another reads, in one snapshot.

/// Everything the visibility rules look at, read together.
package struct ProfileViewFacts: Sendable {
    package struct School: Sendable, Equatable {
        package let id: String
        package let name: String
        package let isCurrent: Bool
    }

    package let displayName: String
    package let profile: String
    package let state: String
    package let hasAvatar: Bool
    package let motto: String?
    package let email: String?
    package let birthDate: String?
    package let showsMotto: Bool
    package let showsEmail: Bool
    package let showsBirthDate: Bool
    /// The person's schools, current or left, by name.
    package let schools: [School]
    /// The person's classes: school id and class name, by name.
    package let classes: [(schoolID: String, name: String)]
    package let viewerIsParent: Bool
    package let viewerFunctions: AdminFunctionSet
    /// The schools the viewer currently belongs to.
    package let viewerSchoolIDs: Set<String>
}

package protocol ProfileViewStorage: Sendable {
    /// The facts about `personID` as `viewerID` would see them; nil when there is no such person.
    func facts(viewerID: String, personID: String) throws -> ProfileViewFacts?
}

extension HostDatabase {
    /// Profiles as others see them, in this database.
    package var profileViews: any ProfileViewStorage { SQLProfileViewStorage(database: self) }
}

struct SQLProfileViewStorage: ProfileViewStorage {
    let database: HostDatabase

    func facts(viewerID: String, personID: String) throws -> ProfileViewFacts? {
        try database.read { db in
            guard
                let person = try SQLRow.fetchOne(
                    db, sql: "SELECT u.*, (SELECT 1 FROM avatars a WHERE a.user_id = u.id) AS has_avatar FROM users u WHERE u.id = ?",
                    arguments: [personID])
            else { return nil }
            let isParent =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM parent_links WHERE parent_id = ? AND child_id = ?", arguments: [viewerID, personID])
                != nil
            let schools = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.name, us.detached_at FROM user_schools us JOIN schools s ON s.id = us.school_id WHERE us.user_id = ? ORDER BY s.name
                    """, arguments: [personID]
            ).map { ProfileViewFacts.School(id: $0["id"], name: $0["name"], isCurrent: ($0["detached_at"] as String?) == nil) }
            let classes = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT c.school_id, c.name FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? ORDER BY c.name
                    """, arguments: [personID]
            ).map { (schoolID: $0["school_id"] as String, name: $0["name"] as String) }
            let viewerSchools = Set(
                try String.fetchAll(
                    db, sql: "SELECT school_id FROM user_schools WHERE user_id = ? AND detached_at IS NULL", arguments: [viewerID]))
            return ProfileViewFacts(
                displayName: person["display_name"], profile: person["profile"], state: person["state"],
                hasAvatar: person["has_avatar"] as Bool? ?? false, motto: person["motto"], email: person["email"],
                birthDate: person["birth_date"], showsMotto: person["show_motto"], showsEmail: person["show_email"],
                showsBirthDate: person["show_birth_date"], schools: schools, classes: classes, viewerIsParent: isParent,
                viewerFunctions: try AdminReachSQL.functions(db, userID: viewerID), viewerSchoolIDs: viewerSchools)
        }
    }
}
