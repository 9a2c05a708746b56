// ShareReach: the SQL that finds the shares reaching a user — directly, or through a group of the school they belong to.
import GRDB

package enum ShareReach {
    /// Shares whose target is the user, or a group of the school the user belongs to
    /// (their profile group, their classes' profile groups — a parent's are their
    /// children's, or the child in view's —, manual groups they are in). Arguments: ``reachesArguments(_:_:)``.
    package static let reaches = """
        ((target_kind = 'user' AND target_id = ?) OR (target_kind = 'group' AND target_id IN (
            SELECT g.id FROM groups g WHERE g.school_id = ? AND (
                (g.kind = 'profile' AND g.profile = (SELECT profile FROM users WHERE id = ?)
                 AND (g.class_id IS NULL OR g.class_id IN (\(ClassMembership.classesOfUser))))
                OR (g.kind = 'manual' AND g.id IN (SELECT group_id FROM group_members WHERE user_id = ?))))))
        """

    /// The arguments of ``reaches`` for a viewer in a school.
    package static func reachesArguments(_ viewer: ShareViewer, _ schoolID: String) -> [(any DatabaseValueConvertible)?] {
        [viewer.userID, schoolID, viewer.userID] + ClassMembership.classesOfUserArguments(viewer) + [viewer.userID]
    }
}
