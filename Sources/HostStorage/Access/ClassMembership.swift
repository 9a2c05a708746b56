// ClassMembership: who belongs to a class for its profile groups — its students and teachers, and the parents of its students.
/// A class's profile groups ("Parents — 4e A") reach the parents of the class's students:
/// parents have no class of their own, they belong through their children. Shares, role
/// grants and event audiences all count membership this way.
package enum ClassMembership {
    /// Selects the ids of the classes of a user; for a parent, those of one child only when
    /// a child is given. Arguments: ``classesOfUserArguments(_:)``.
    package static let classesOfUser = """
        SELECT class_id FROM user_classes WHERE user_id = ?
        UNION SELECT uc.class_id FROM parent_links pl JOIN user_classes uc ON uc.user_id = pl.child_id
        WHERE pl.parent_id = ? AND (? = '' OR pl.child_id = ?)
        """

    /// The arguments of ``classesOfUser``.
    package static func classesOfUserArguments(_ viewer: ShareViewer) -> [String] {
        [viewer.userID, viewer.userID, viewer.childInView ?? "", viewer.childInView ?? ""]
    }

    /// Selects the ids of the groups of one school a viewer belongs to: the school's profile
    /// group for their profile, their classes' profile groups, the manual groups they were
    /// added to. `school` is the school's SQL: `?` (then the first argument) or a column of
    /// the enclosing query. Arguments: ``groupsOfUserArguments(_:school:)``.
    package static func groupsOfUser(inSchool school: String = "?") -> String {
        """
        SELECT g.id FROM groups g WHERE g.school_id = \(school) AND (
            (g.kind = 'profile' AND g.profile = (SELECT profile FROM users WHERE id = ?)
             AND (g.class_id IS NULL OR g.class_id IN (\(classesOfUser))))
            OR (g.kind = 'manual' AND g.id IN (SELECT group_id FROM group_members WHERE user_id = ?)))
        """
    }

    /// The arguments of ``groupsOfUser(inSchool:)``: `schoolID` for `?`, nil for a column.
    package static func groupsOfUserArguments(_ viewer: ShareViewer, school schoolID: String?) -> [String] {
        (schoolID.map { [$0] } ?? []) + [viewer.userID] + classesOfUserArguments(viewer) + [viewer.userID]
    }

    /// Selects the ids of the members of a class with a profile. Arguments: class, profile, class, profile.
    package static let membersWithProfile = """
        SELECT uc.user_id FROM user_classes uc JOIN users u ON u.id = uc.user_id WHERE uc.class_id = ? AND u.profile = ?
        UNION SELECT pl.parent_id FROM parent_links pl JOIN user_classes uc ON uc.user_id = pl.child_id JOIN users u ON u.id = pl.parent_id
        WHERE uc.class_id = ? AND u.profile = ?
        """
}
