// OIDCClaimsStorage: what the provider reads to describe a user to a tool, and the installation secrets it keeps.
/// What a tool may be told about a user, before scopes pick from it.
package struct ClaimFacts: Sendable {
    package let firstName: String
    package let lastName: String
    package let displayName: String
    package let profile: String
    package let email: String?
    /// The school asked about: its UAI and name, and the user's classes there by name; nil when it does not exist.
    package let school: (uai: String, name: String)?
    package let classNames: [String]

    package init(
        firstName: String, lastName: String, displayName: String, profile: String, email: String?, school: (uai: String, name: String)?,
        classNames: [String]
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.profile = profile
        self.email = email
        self.school = school
        self.classNames = classNames
    }
}

package protocol OIDCClaimsStorage: Sendable {
    /// The user's names, profile and email, and, with `schoolID`, that school and the user's classes in it; nil for no such user.
    func facts(userID: String, schoolID: String?) throws -> ClaimFacts?
    /// The installation secret `name`, created once with `make` (two hosts racing keep the first).
    func secret(_ name: String, make: () -> String) throws -> String
}
