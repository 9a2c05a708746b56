// SchoolDirectory: look-ups of people and classes, always confined to one school.
import CartableWire
import GRDB
import HostStorage

/// The directory as seen from one school: nothing outside it exists. Backs
/// `cartable.directory/1`, so a plugin asking about another school's class or pupil
/// gets "not found", exactly as for something that does not exist.
package struct SchoolDirectory: Sendable {
    package typealias Person = DirectoryPerson
    package typealias SchoolClass = DirectoryClass
    package typealias Group = DirectoryGroup

    let database: SQLiteDatabase
    /// The school every look-up is confined to; `""` (no school) finds nothing.
    let schoolID: String

    package init(database: SQLiteDatabase, schoolID: String) {
        self.database = database
        self.schoolID = schoolID
    }

    private static let attached = """
        JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
        """

    /// A person attached to this school, or nil.
    package func person(_ userID: String) throws -> Person? {
        try database.pool.read { db in try person(db, userID) }
    }

    /// The members of a class of this school; nil when the class is not one of this school's.
    package func classMembers(_ classID: String) throws -> [Person]? {
        try database.pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM classes WHERE id = ? AND school_id = ?", arguments: [classID, schoolID]) != nil
            else {
                return nil
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.display_name, u.profile FROM user_classes uc JOIN users u ON u.id = uc.user_id \(Self.attached)
                    WHERE uc.class_id = ? AND u.state != 'anonymized' ORDER BY u.display_name, u.id
                    """, arguments: [schoolID, classID]
            ).map(Self.person)
        }
    }

    /// The children of a parent of this school who belong to it; nil when the parent does not.
    package func children(of parentID: String) throws -> [Person]? {
        try database.pool.read { db in
            guard try person(db, parentID) != nil else { return nil }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.display_name, u.profile FROM parent_links p JOIN users u ON u.id = p.child_id \(Self.attached)
                    WHERE p.parent_id = ? AND u.state != 'anonymized' ORDER BY u.display_name, u.id
                    """, arguments: [schoolID, parentID]
            ).map(Self.person)
        }
    }

    /// A person's classes in this school; nil when the person does not belong to it.
    package func classes(of userID: String) throws -> [SchoolClass]? {
        try database.pool.read { db in
            guard try person(db, userID) != nil else { return nil }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, c.level FROM user_classes uc JOIN classes c ON c.id = uc.class_id
                    WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                    """, arguments: [userID, schoolID]
            ).map { SchoolClass(id: $0["id"], name: $0["name"], level: $0["level"]) }
        }
    }

    /// The school's groups (`classID` empty), or one class's groups; nil for a class of another school.
    package func groups(classID: String) throws -> [Group]? {
        try database.pool.read { db in
            if !classID.isEmpty,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM classes WHERE id = ? AND school_id = ?", arguments: [classID, schoolID]) == nil
            {
                return nil
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, name, kind, profile, class_id FROM groups WHERE school_id = ? AND (? = '' OR class_id = ?) ORDER BY name, id
                    """, arguments: [schoolID, classID, classID]
            ).map {
                Group(id: $0["id"], name: $0["name"], kind: $0["kind"], profile: $0["profile"], classID: $0["class_id"])
            }
        }
    }

    /// The person if attached to this school, within a read already open.
    private func person(_ db: GRDB.Database, _ userID: String) throws -> Person? {
        try Row.fetchOne(
            db, sql: "SELECT u.id, u.display_name, u.profile FROM users u \(Self.attached) WHERE u.id = ?",
            arguments: [schoolID, userID]
        ).map(Self.person)
    }

    private static func person(_ row: Row) -> Person {
        Person(id: row["id"], displayName: row["display_name"], profile: row["profile"])
    }
}
