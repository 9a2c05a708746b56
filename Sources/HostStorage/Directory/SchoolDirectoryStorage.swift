// SchoolDirectoryStorage: look-ups of people, classes and groups, each confined to one school.
import CartableWire

/// Anything outside `school` reads as absent: a person not attached to it (or detached,
/// or anonymized among members), a class or group of another school. nil means "not of
/// this school", an empty list "of this school, but nobody".
package protocol SchoolDirectoryStorage: Sendable {
    /// A person attached to the school, or nil.
    func person(_ userID: String, school: String) throws -> DirectoryPerson?
    /// The members of a class of the school, by name; nil for a class of another school.
    func classMembers(_ classID: String, school: String) throws -> [DirectoryPerson]?
    /// The children of a parent of the school who belong to it; nil when the parent does not.
    func children(of parentID: String, school: String) throws -> [DirectoryPerson]?
    /// A person's classes in the school; nil when the person does not belong to it.
    func classes(of userID: String, school: String) throws -> [DirectoryClass]?
    /// The school's groups (`classID` empty), or one class's; nil for a class of another school.
    func groups(classID: String, school: String) throws -> [DirectoryGroup]?
}
