// SchoolDirectory: look-ups of people and classes, always confined to one school.
import CartableWire
import HostStorage

/// The directory as seen from one school: nothing outside it exists. Backs
/// `cartable.directory/1`, so a plugin asking about another school's class or pupil
/// gets "not found", exactly as for something that does not exist.
package struct SchoolDirectory: Sendable {
    package typealias Person = DirectoryPerson
    package typealias SchoolClass = DirectoryClass
    package typealias Group = DirectoryGroup

    let storage: any SchoolDirectoryStorage
    /// The school every look-up is confined to; `""` (no school) finds nothing.
    let schoolID: String

    package init(storage: any SchoolDirectoryStorage, schoolID: String) {
        self.storage = storage
        self.schoolID = schoolID
    }

    package init(database: HostDatabase, schoolID: String) {
        self.init(storage: database.schoolDirectory, schoolID: schoolID)
    }

    /// A person attached to this school, or nil.
    package func person(_ userID: String) throws -> Person? { try storage.person(userID, school: schoolID) }

    /// The members of a class of this school; nil when the class is not one of this school's.
    package func classMembers(_ classID: String) throws -> [Person]? { try storage.classMembers(classID, school: schoolID) }

    /// The children of a parent of this school who belong to it; nil when the parent does not.
    package func children(of parentID: String) throws -> [Person]? { try storage.children(of: parentID, school: schoolID) }

    /// A person's classes in this school; nil when the person does not belong to it.
    package func classes(of userID: String) throws -> [SchoolClass]? { try storage.classes(of: userID, school: schoolID) }

    /// The school's groups (`classID` empty), or one class's groups; nil for a class of another school.
    package func groups(classID: String) throws -> [Group]? { try storage.groups(classID: classID, school: schoolID) }
}
