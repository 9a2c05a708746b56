// EventGroupsMigrationTests: upgrading a database keeps the groups its past events were addressed to, so logins catch up on them too.
import Foundation
@testable import HostStorage
import Testing

@Suite("Migration 0022: the groups of past events")
struct EventGroupsMigrationTests {
    @Test func eventsEmittedBeforeTheUpgradeKeepTheirGroups() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try HostDatabase(directory: folder, migrate: false)
        let sqlite = try #require(database.sqlite)
        try sqlite.migrate(upTo: "0021-throttle-kinds")
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO authorities (id, name, created_at) VALUES ('a', 'Académie', '2026-01-01T00:00:00Z');
                    INSERT INTO schools (id, uai, name, authority_id, created_at) VALUES ('s', '0750001A', 'Collège', 'a', '2026-01-01T00:00:00Z');
                    INSERT INTO events (plugin_id, school_id, type, link, params, audience, created_at) VALUES
                        ('blogs', 's', 'post', '/apps/blogs/', '{}', '{"groups":["g1","g2","g1"],"users":[]}', '2026-11-30T08:00:00Z'),
                        ('blogs', 's', 'post', '/apps/blogs/', '{}', '{"users":["u"]}', '2026-11-30T09:00:00Z'),
                        ('blogs', 's', 'post', '/apps/blogs/', '{}', 'not json', '2026-11-30T10:00:00Z');
                    """)
        }
        try database.migrate()
        let rows = try database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT event_id, group_id FROM event_groups ORDER BY event_id, group_id").map {
                "\($0["event_id"] as Int64) \($0["group_id"] as String)"
            }
        }
        #expect(rows == ["1 g1", "1 g2"], "each group once; events without groups, or unreadable, add none")
    }
}
