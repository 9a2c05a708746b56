// SQLSchoolDirectoryStorage: the directory look-ups for one school, on both engines (users, user_schools, classes, parent_links, groups).
import CartableWire

extension HostDatabase {
    /// The people, classes and groups of schools in this database.
    package var schoolDirectory: any SchoolDirectoryStorage { SQLSchoolDirectoryStorage(database: self) }
}

struct SQLSchoolDirectoryStorage: SchoolDirectoryStorage {
    let database: HostDatabase

    private static let attached = """
        JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
        """

    /// A person attached to this school, or nil.
    func person(_ userID: String, school schoolID: String) throws -> DirectoryPerson? {
        try database.read { db in try Self.person(db, userID, schoolID) }
    }

    /// The members of a class of this school; nil when the class is not one of this school's.
    func classMembers(_ classID: String, school schoolID: String) throws -> [DirectoryPerson]? {
        try database.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM classes WHERE id = ? AND school_id = ?", arguments: [classID, schoolID]) != nil
            else {
                return nil
            }
            return try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.display_name, u.profile FROM user_classes uc JOIN users u ON u.id = uc.user_id \(Self.attached)
                    WHERE uc.class_id = ? AND u.state != 'anonymized' ORDER BY u.display_name, u.id
                    """, arguments: [schoolID, classID]
            ).map { Self.person($0) }
        }
    }

    /// The children of a parent of this school who belong to it; nil when the parent does not.
    func children(of parentID: String, school schoolID: String) throws -> [DirectoryPerson]? {
        try database.read { db in
            guard try Self.person(db, parentID, schoolID) != nil else { return nil }
            return try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.display_name, u.profile FROM parent_links p JOIN users u ON u.id = p.child_id \(Self.attached)
                    WHERE p.parent_id = ? AND u.state != 'anonymized' ORDER BY u.display_name, u.id
                    """, arguments: [schoolID, parentID]
            ).map { Self.person($0) }
        }
    }

    /// A person's classes in this school; nil when the person does not belong to it.
    func classes(of userID: String, school schoolID: String) throws -> [DirectoryClass]? {
        try database.read { db in
            guard try Self.person(db, userID, schoolID) != nil else { return nil }
            return try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, c.level FROM user_classes uc JOIN classes c ON c.id = uc.class_id
                    WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                    """, arguments: [userID, schoolID]
            ).map { DirectoryClass(id: $0["id"], name: $0["name"], level: $0["level"]) }
        }
    }

    /// The school's groups (`classID` empty), or one class's groups; nil for a class of another school.
    func groups(classID: String, school schoolID: String) throws -> [DirectoryGroup]? {
        try database.read { db in
            if !classID.isEmpty,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM classes WHERE id = ? AND school_id = ?", arguments: [classID, schoolID]) == nil
            {
                return nil
            }
            return try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT id, name, kind, profile, class_id FROM groups WHERE school_id = ? AND (? = '' OR class_id = ?) ORDER BY name, id
                    """, arguments: [schoolID, classID, classID]
            ).map {
                DirectoryGroup(id: $0["id"], name: $0["name"], kind: $0["kind"], profile: $0["profile"], classID: $0["class_id"])
            }
        }
    }

    /// The person if attached to this school, within a read already open.
    private static func person(_ db: any SQLSession, _ userID: String, _ schoolID: String) throws -> DirectoryPerson? {
        try SQLRow.fetchOne(
            db, sql: "SELECT u.id, u.display_name, u.profile FROM users u \(Self.attached) WHERE u.id = ?",
            arguments: [schoolID, userID]
        ).map { Self.person($0) }
    }

    private static func person(_ row: SQLRow) -> DirectoryPerson {
        DirectoryPerson(id: row["id"], displayName: row["display_name"], profile: row["profile"])
    }
}
