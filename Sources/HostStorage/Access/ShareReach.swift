// ShareReach: the SQL that finds the shares reaching a user — directly, or through a group of the school they belong to.

package enum ShareReach {
    /// Shares whose target is the user, or a group of the school the user belongs to
    /// (``ClassMembership/groupsOfUser(inSchool:)``: a parent's class groups are their children's, or the
    /// child in view's). Arguments: ``reachesArguments(_:_:)``.
    package static let reaches = """
        ((target_kind = 'user' AND target_id = ?) OR (target_kind = 'group' AND target_id IN (\(ClassMembership.groupsOfUser()))))
        """

    /// The arguments of ``reaches`` for a viewer in a school.
    package static func reachesArguments(_ viewer: ShareViewer, _ schoolID: String) -> [(any SQLBindable)?] {
        [viewer.userID] + ClassMembership.groupsOfUserArguments(viewer, school: schoolID)
    }
}
