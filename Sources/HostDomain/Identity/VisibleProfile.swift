// VisibleProfile: what one user may see of another's profile, by relation and by the owner's choices.
import GRDB
import HostStorage

/// Another user's profile as a viewer may see it.
///
/// - The viewer must share a current school with the person, be their parent, or
///   administer one of their current schools; anyone else gets nothing (nil: "not found").
/// - The admin of a school the person has left sees their name and profile only, for history.
/// - Name, profile, avatar and the shared schools' classes are always shown to those who may see.
/// - Motto, email and birth date show only when the person allows it; their parents and
///   their schools' admins see them regardless.
package struct VisibleProfile: Sendable, Equatable {
    package let id: String
    package let displayName: String
    package let profile: Profile
    package let isAnonymized: Bool
    package let hasAvatar: Bool
    /// Names of the schools viewer and person share (or the person's, for parents and admins).
    package let schools: [String]
    /// The person's classes in those schools.
    package let classes: [String]
    package let motto: String?
    package let email: String?
    package let birthDate: String?
    /// Whether the viewer administers one of the person's schools (and may anonymize them).
    package let viewerIsAdmin: Bool

    /// The profile of `personID` as `viewerID` may see it; nil when they may not.
    package static func load(viewerID: String, personID: String, database: SQLiteDatabase) throws -> VisibleProfile? {
        try database.pool.read { db in try load(db, viewerID: viewerID, personID: personID) }
    }

    package static func load(_ db: GRDB.Database, viewerID: String, personID: String) throws -> VisibleProfile? {
        guard
            let person = try Row.fetchOne(
                db,
                sql: """
                    SELECT u.*, (SELECT 1 FROM avatars a WHERE a.user_id = u.id) AS has_avatar FROM users u WHERE u.id = ?
                    """, arguments: [personID]),
            let profile = Profile(rawValue: person["profile"])
        else { return nil }
        let isParent =
            try Bool.fetchOne(db, sql: "SELECT 1 FROM parent_links WHERE parent_id = ? AND child_id = ?", arguments: [viewerID, personID])
            != nil
        let rights = try AdminRights.load(db, userID: viewerID)
        let personSchools = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.name, us.detached_at FROM user_schools us JOIN schools s ON s.id = us.school_id WHERE us.user_id = ? ORDER BY s.name
                """, arguments: [personID])
        let viewerSchools = Set(
            try String.fetchAll(
                db, sql: "SELECT school_id FROM user_schools WHERE user_id = ? AND detached_at IS NULL", arguments: [viewerID]))
        let current = personSchools.filter { $0["detached_at"] as String? == nil }
        let viewerIsAdmin = current.contains { rights.administers(school: $0["id"]) }
        let shared = current.filter { viewerSchools.contains($0["id"]) }
        guard isParent || viewerIsAdmin || !shared.isEmpty else {
            guard personSchools.contains(where: { rights.administers(school: $0["id"]) }) else { return nil }
            return VisibleProfile(
                id: personID, displayName: person["display_name"], profile: profile,
                isAnonymized: person["state"] as String == "anonymized",
                hasAvatar: false, schools: [], classes: [], motto: nil, email: nil, birthDate: nil, viewerIsAdmin: false)
        }
        let schools = isParent || viewerIsAdmin ? current : shared
        let schoolIDs = schools.map { $0["id"] as String }
        let classes =
            schoolIDs.isEmpty
            ? []
            : try String.fetchAll(
                db,
                sql: """
                    SELECT c.name FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id IN (\(sqlPlaceholders(schoolIDs.count))) ORDER BY c.name
                    """, arguments: StatementArguments([personID] + schoolIDs))
        let close = isParent || viewerIsAdmin
        let allowed = { (flag: String, value: String?) -> String? in
            guard let value, !value.isEmpty, close || person[flag] as Bool else { return nil }
            return value
        }
        return VisibleProfile(
            id: personID, displayName: person["display_name"], profile: profile, isAnonymized: person["state"] as String == "anonymized",
            hasAvatar: person["has_avatar"] as Bool? ?? false, schools: schools.map { $0["name"] }, classes: classes,
            motto: allowed("show_motto", person["motto"]), email: allowed("show_email", person["email"]),
            birthDate: allowed("show_birth_date", person["birth_date"]), viewerIsAdmin: viewerIsAdmin)
    }
}
