// VisibleProfile: what one user may see of another's profile, by relation and by the owner's choices.
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
    package static func load(viewerID: String, personID: String, database: HostDatabase) throws -> VisibleProfile? {
        try load(viewerID: viewerID, personID: personID, storage: database.profileViews)
    }

    package static func load(viewerID: String, personID: String, storage: any ProfileViewStorage) throws -> VisibleProfile? {
        guard let person = try storage.facts(viewerID: viewerID, personID: personID), let profile = Profile(rawValue: person.profile) else {
            return nil
        }
        let rights = AdminRights(person.viewerFunctions)
        let current = person.schools.filter(\.isCurrent)
        let viewerIsAdmin = current.contains { rights.administers(school: $0.id) }
        let shared = current.filter { person.viewerSchoolIDs.contains($0.id) }
        let isAnonymized = person.state == "anonymized"
        guard person.viewerIsParent || viewerIsAdmin || !shared.isEmpty else {
            guard person.schools.contains(where: { rights.administers(school: $0.id) }) else { return nil }
            return VisibleProfile(
                id: personID, displayName: person.displayName, profile: profile, isAnonymized: isAnonymized, hasAvatar: false, schools: [],
                classes: [], motto: nil, email: nil, birthDate: nil, viewerIsAdmin: false)
        }
        let close = person.viewerIsParent || viewerIsAdmin
        let schools = close ? current : shared
        let schoolIDs = Set(schools.map(\.id))
        let allowed = { (shown: Bool, value: String?) -> String? in
            guard let value, !value.isEmpty, close || shown else { return nil }
            return value
        }
        return VisibleProfile(
            id: personID, displayName: person.displayName, profile: profile, isAnonymized: isAnonymized, hasAvatar: person.hasAvatar,
            schools: schools.map(\.name), classes: person.classes.filter { schoolIDs.contains($0.schoolID) }.map(\.name),
            motto: allowed(person.showsMotto, person.motto), email: allowed(person.showsEmail, person.email),
            birthDate: allowed(person.showsBirthDate, person.birthDate), viewerIsAdmin: viewerIsAdmin)
    }
}
