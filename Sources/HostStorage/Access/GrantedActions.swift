// GrantedActions: the SQL of the actions a user holds in a school, through the roles granted to their groups (read inside a session's resolution).

/// A user's groups in a school are the school's profile group for their profile, the
/// profile groups of their classes, and the manual groups they were added to. Their
/// actions are those of every role granted to one of these groups. A parent's count every
/// child's classes (actions are cached per session and say what they may do; which
/// resources they see follows the child in view through ``ShareViewer``).
package enum GrantedActions {
    /// Within an open read; `profile` is the profile's raw value (`Student`, `Teacher`…).
    package static func compute(_ db: any SQLSession, userID: String, profile: String, schoolID: String) throws -> Set<String> {
        let statement = try db.cachedStatement(
            sql: """
                SELECT DISTINCT ra.action FROM role_grants rg
                JOIN groups g ON g.id = rg.group_id AND g.school_id = ?
                JOIN role_actions ra ON ra.role_id = rg.role_id
                WHERE (g.kind = 'profile' AND g.profile = ?
                       AND (g.class_id IS NULL OR g.class_id IN (\(ClassMembership.classesOfUser))))
                   OR (g.kind = 'manual' AND g.id IN (SELECT group_id FROM group_members WHERE user_id = ?))
                """)
        let classes = ClassMembership.classesOfUserArguments(ShareViewer(userID: userID))
        return Set(try String.fetchAll(statement, arguments: SQLArguments([schoolID, profile] + classes + [userID])))
    }
}
