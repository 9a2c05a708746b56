// Portal+DemoContent: asks each plugin offering `cartable.demo/1` to create its sample content in every demo school, once.
import Foundation
import GRDB
import HostDomain
import HostStorage
import Logging
import PluginRuntime

extension Portal {
    /// For each school and each plugin it enables that offers demo content and has not
    /// seeded it there yet: calls the plugin as the school's best-connected teacher. Failures are logged and retried at the next start; returns
    /// the (plugin, school UAI) pairs seeded now.
    @discardableResult
    package func seedDemoContent() async throws -> [(plugin: String, school: String)] {
        try await blocking.run { Result { try self.seedDemoContentNow() } }.get()
    }

    private func seedDemoContentNow() throws -> [(plugin: String, school: String)] {
        let schools = try database.pool.read { db in try Row.fetchAll(db, sql: "SELECT id, uai FROM schools ORDER BY uai") }
        var seeded: [(plugin: String, school: String)] = []
        for row in schools {
            let schoolID: String = row["id"], uai: String = row["uai"]
            for served in plugins.serving {
                guard let plugin = try plugin(id: served.id, schoolID: schoolID), plugin.offersDemoContent else { continue }
                let done = try database.pool.read { db in
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM demo_content WHERE plugin_id = ? AND school_id = ?", arguments: [plugin.id, schoolID]) ?? false
                }
                guard !done, let teacher = try demoTeacher(schoolID: schoolID, uai: uai) else { continue }
                if let failure = plugin.seedDemoContent(as: teacher) {
                    logger.error("demo content of \(plugin.id) for \(uai): \(failure)")
                    continue
                }
                try database.pool.write { db in
                    try db.execute(sql: "INSERT INTO demo_content (plugin_id, school_id, seeded_at) VALUES (?, ?, ?)",
                                   arguments: [plugin.id, schoolID, Date().formatted(.iso8601)])
                }
                seeded.append((plugin.id, uai))
            }
        }
        return seeded
    }

    /// The school's best-connected teacher (most schools, then most classes there, then by name), with their classes and actions.
    private func demoTeacher(schoolID: String, uai: String) throws -> PluginCaller? {
        try database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT u.id, u.display_name FROM users u JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
                WHERE u.profile = 'Teacher' AND u.state = 'active'
                  AND EXISTS (SELECT 1 FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?)
                ORDER BY (SELECT count(*) FROM user_schools o WHERE o.user_id = u.id AND o.detached_at IS NULL) DESC,
                         (SELECT count(*) FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = u.id AND c.school_id = ?) DESC,
                         u.display_name, u.id
                LIMIT 1
                """, arguments: [schoolID, schoolID, schoolID]) else { return nil }
            let userID: String = row["id"]
            let classes = try String.fetchAll(db, sql: """
                SELECT c.id FROM user_classes uc JOIN classes c ON c.id = uc.class_id WHERE uc.user_id = ? AND c.school_id = ? ORDER BY c.name
                """, arguments: [userID, schoolID])
            let actions = try EffectiveActions.compute(db, userID: userID, profile: .teacher, schoolID: schoolID)
            return PluginCaller(
                userID: userID, displayName: row["display_name"], profile: "Teacher", schoolID: schoolID, schoolUAI: uai,
                classIDs: classes, actions: actions.sorted())
        }
    }
}
