// CallerIdentity: who a logged-in request comes from — user, current school, classes, child in view.
import GRDB
import HostStorage

/// Resolved from the session on every request, in one read: what the shell shows and
/// what the request context hands to plugins.
package struct CallerIdentity: Sendable, Equatable {
    package struct Person: Sendable, Equatable {
        package let id: String
        package let displayName: String
    }

    package struct SchoolClass: Sendable, Equatable {
        package let id: String
        package let name: String
        package let level: String?
    }

    package let userID: String
    package let displayName: String
    package let profile: Profile
    /// The language the user chose in their profile; nil to follow the browser.
    package let language: String?
    /// The session's current school; nil for a user attached to none (a platform admin).
    package let school: Directory.School?
    /// Every school the user is attached to, for the school switcher.
    package let schools: [Directory.School]
    /// The user's classes in the current school.
    package let classes: [SchoolClass]
    /// A parent's children who belong to the current school.
    package let children: [Person]
    /// The child a parent looks at: the session's choice if still linked here, else the first child.
    package let childInView: Person?
    /// Whether the user holds any admin function (platform, authority or school).
    package let isAdmin: Bool
    /// The actions the user holds in the current school (cached with the session).
    package let actions: Set<String>
    /// Set when ``actions`` were just recomputed: the session should keep them.
    package let recomputedActions: SessionStore.CachedActions?

    package init(
        userID: String, displayName: String, profile: Profile, language: String? = nil, school: Directory.School?,
        schools: [Directory.School], classes: [SchoolClass],
        children: [Person], childInView: Person?, isAdmin: Bool, actions: Set<String> = [],
        recomputedActions: SessionStore.CachedActions? = nil
    ) {
        self.userID = userID
        self.displayName = displayName
        self.profile = profile
        self.language = language
        self.school = school
        self.schools = schools
        self.classes = classes
        self.children = children
        self.childInView = childInView
        self.isAdmin = isAdmin
        self.actions = actions
        self.recomputedActions = recomputedActions
    }

    /// Loads the identity of a live session; nil when the user no longer exists.
    package static func load(_ db: GRDB.Database, session: SessionStore.Session) throws -> CallerIdentity? {
        // Every statement is prepared once per connection and cached: this runs on every request.
        let userStatement = try db.cachedStatement(
            sql: """
                SELECT display_name, profile, language, EXISTS (SELECT 1 FROM admin_functions WHERE user_id = users.id) AS is_admin FROM users WHERE id = ?
                """)
        guard let user = try Row.fetchOne(userStatement, arguments: [session.userID]),
            let profile = Profile(rawValue: user["profile"])
        else { return nil }
        let schoolsStatement = try db.cachedStatement(
            sql: """
                SELECT s.id, s.uai, s.name, s.authority_id, s.pilot, s.grants_version FROM schools s JOIN user_schools us ON us.school_id = s.id
                WHERE us.user_id = ? AND us.detached_at IS NULL ORDER BY s.name
                """)
        var grantsVersions: [String: Int] = [:]
        let schools = try Row.fetchAll(schoolsStatement, arguments: [session.userID]).map { row in
            grantsVersions[row["id"]] = row["grants_version"]
            return Directory.School(row: row)
        }
        let school = schools.first { $0.id == session.schoolID } ?? schools.first
        var classes: [SchoolClass] = []
        var children: [Person] = []
        if let school {
            let classesStatement = try db.cachedStatement(
                sql: """
                    SELECT c.id, c.name, c.level FROM classes c JOIN user_classes uc ON uc.class_id = c.id
                    WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                    """)
            classes = try Row.fetchAll(classesStatement, arguments: [session.userID, school.id])
                .map { SchoolClass(id: $0["id"], name: $0["name"], level: $0["level"]) }
            if profile == .relative {
                let childrenStatement = try db.cachedStatement(
                    sql: """
                        SELECT u.id, u.display_name FROM parent_links p JOIN users u ON u.id = p.child_id
                        JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
                        WHERE p.parent_id = ? AND u.state != 'anonymized' ORDER BY u.display_name, u.id
                        """)
                children = try Row.fetchAll(childrenStatement, arguments: [school.id, session.userID])
                    .map { Person(id: $0["id"], displayName: $0["display_name"]) }
            }
        }
        let isAdmin: Bool = user["is_admin"]
        var actions: Set<String> = []
        var recomputed: SessionStore.CachedActions?
        if let school {
            let version = grantsVersions[school.id] ?? 0
            if let cached = session.cachedActions, cached.schoolID == school.id, cached.version == version {
                actions = cached.actions
            } else {
                actions = try GrantedActions.compute(db, userID: session.userID, profile: profile.rawValue, schoolID: school.id)
                recomputed = SessionStore.CachedActions(actions: actions, schoolID: school.id, version: version)
            }
        }
        return CallerIdentity(
            userID: session.userID, displayName: user["display_name"], profile: profile, language: user["language"], school: school,
            schools: schools,
            classes: classes, children: children, childInView: children.first { $0.id == session.childID } ?? children.first,
            isAdmin: isAdmin,
            actions: actions, recomputedActions: recomputed)
    }
}
