// CallerIdentity: who a logged-in request comes from — user, current school, classes, child in view.
import CartableWire
import HostStorage

/// Resolved from the session on every request, in one read: what the shell shows and
/// what the request context hands to plugins.
package struct CallerIdentity: Sendable, Equatable {
    package typealias Person = PersonName
    package typealias SchoolClass = DirectoryClass

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

    /// Whom shares are resolved for: the user, and for a parent the child in view.
    package var shareViewer: ShareViewer { ShareViewer(userID: userID, childInView: childInView?.id) }

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

    /// Loads the identity of a live session through `reader` (inside the session's read); nil when the user no longer exists.
    package static func load(_ reader: any IdentityReader, session: SessionStore.Session) throws -> CallerIdentity? {
        guard let account = try reader.account(session.userID), let profile = Profile(rawValue: account.profile) else { return nil }
        var grantsVersions: [String: Int] = [:]
        let schools = try reader.schools(of: session.userID).map { found in
            grantsVersions[found.school.id] = found.grantsVersion
            return found.school
        }
        let school = schools.first { $0.id == session.schoolID } ?? schools.first
        var classes: [SchoolClass] = []
        var children: [Person] = []
        var actions: Set<String> = []
        var recomputed: SessionStore.CachedActions?
        if let school {
            classes = try reader.classes(of: session.userID, school: school.id)
            if profile == .relative { children = try reader.children(of: session.userID, school: school.id) }
            // Actions are kept with the session until the school's grants change.
            let version = grantsVersions[school.id] ?? 0
            if let cached = session.cachedActions, cached.schoolID == school.id, cached.version == version {
                actions = cached.actions
            } else {
                actions = try reader.grantedActions(userID: session.userID, profile: profile.rawValue, school: school.id)
                recomputed = SessionStore.CachedActions(actions: actions, schoolID: school.id, version: version)
            }
        }
        return CallerIdentity(
            userID: session.userID, displayName: account.displayName, profile: profile, language: account.language, school: school,
            schools: schools, classes: classes, children: children,
            childInView: children.first { $0.id == session.childID } ?? children.first, isAdmin: account.isAdmin,
            actions: actions, recomputedActions: recomputed)
    }
}
