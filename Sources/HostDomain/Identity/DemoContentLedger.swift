// DemoContentLedger: which plugins already created their sample content in which demo school, and the teacher they create it as.
import Foundation
import GRDB
import HostStorage

/// The `demo_content` rows, so that each plugin seeds each school once.
package struct DemoContentLedger: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// A teacher plugins create demo content as: their classes and actions in the school.
    package struct Teacher: Sendable {
        package let userID: String
        package let displayName: String
        package let classIDs: [String]
        package let actions: [String]
    }

    /// Whether `pluginID` already seeded `schoolID`.
    package func isSeeded(pluginID: String, schoolID: String) throws -> Bool {
        try database.pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM demo_content WHERE plugin_id = ? AND school_id = ?", arguments: [pluginID, schoolID])
                ?? false
        }
    }

    /// Records that `pluginID` seeded `schoolID` at `date`.
    package func markSeeded(pluginID: String, schoolID: String, at date: Date = Date()) throws {
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO demo_content (plugin_id, school_id, seeded_at) VALUES (?, ?, ?)",
                arguments: [pluginID, schoolID, date.formatted(.iso8601)])
        }
    }

    /// The school's best-connected teacher (most schools, then most classes there, then by name), with their classes and actions.
    package func teacher(schoolID: String) throws -> Teacher? {
        try database.pool.read { db in
            guard
                let row = try Row.fetchOne(
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
            let actions = try GrantedActions.compute(db, userID: userID, profile: Profile.teacher.rawValue, schoolID: schoolID)
            return Teacher(userID: userID, displayName: row["display_name"], classIDs: classes, actions: actions.sorted())
        }
    }
}
