// DemoContentStorage: what demo content stores — which plugin seeded which school, and the teacher a plugin seeds as.
import Foundation

/// The teacher a plugin creates a school's sample content as: their classes there and granted actions.
package struct DemoTeacher: Sendable, Equatable {
    package let userID: String
    package let displayName: String
    package let classIDs: [String]
    package let actions: [String]

    package init(userID: String, displayName: String, classIDs: [String], actions: [String]) {
        self.userID = userID
        self.displayName = displayName
        self.classIDs = classIDs
        self.actions = actions
    }
}

package protocol DemoContentStorage: Sendable {
    func isSeeded(pluginID: String, schoolID: String) throws -> Bool
    func markSeeded(pluginID: String, schoolID: String, at date: Date) throws
    /// An active teacher of the school with classes there: the one in the most schools, then with the most classes, then by name.
    func teacher(schoolID: String) throws -> DemoTeacher?
}

extension HostDatabase {
    /// The demo content ledger of this database.
    package var demoContent: any DemoContentStorage { SQLDemoContentStorage(database: self) }
}

struct SQLDemoContentStorage: DemoContentStorage {
    let database: HostDatabase

    func isSeeded(pluginID: String, schoolID: String) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM demo_content WHERE plugin_id = ? AND school_id = ?", arguments: [pluginID, schoolID])
                ?? false
        }
    }

    func markSeeded(pluginID: String, schoolID: String, at date: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO demo_content (plugin_id, school_id, seeded_at) VALUES (?, ?, ?)",
                arguments: [pluginID, schoolID, date.formatted(.iso8601)])
        }
    }

    func teacher(schoolID: String) throws -> DemoTeacher? {
        try database.read { db in
            guard
                let row = try SQLRow.fetchOne(
                    db,
                    sql: """
                        SELECT u.id, u.display_name FROM users u JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
                        WHERE u.profile = 'Teacher' AND u.state = 'active'
                          AND EXISTS (SELECT 1 FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?)
                        ORDER BY (SELECT count(*) FROM user_schools o WHERE o.user_id = u.id AND o.detached_at IS NULL) DESC,
                                 (SELECT count(*) FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?) DESC,
                                 u.display_name, u.id
                        LIMIT 1
                        """, arguments: [schoolID, schoolID, schoolID])
            else { return nil }
            let userID: String = row["id"]
            let classes = try String.fetchAll(
                db,
                sql: """
                    SELECT c.id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                    """, arguments: [userID, schoolID])
            let actions = try GrantedActions.compute(db, userID: userID, profile: "Teacher", schoolID: schoolID)
            return DemoTeacher(userID: userID, displayName: row["display_name"], classIDs: classes, actions: actions.sorted())
        }
    }
}
