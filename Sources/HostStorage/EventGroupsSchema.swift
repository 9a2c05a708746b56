// EventGroupsSchema: the groups each event was addressed to, so a newcomer to a group catches up on its recent events (migration 0022).
import CartableWire
import Foundation

enum EventGroupsSchema {
    static let sql = """
        CREATE TABLE event_groups (
            event_id INTEGER NOT NULL REFERENCES events(id),
            group_id TEXT NOT NULL,
            PRIMARY KEY (event_id, group_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_groups_group ON event_groups(group_id, event_id);
        """

    /// Fills the table from the audiences stored with the events emitted before it existed.
    static func backfill(_ db: any SQLSession) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO event_groups (event_id, group_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, audience FROM events") {
            let audience = try? JSONDecoder().decode(EventAudience.self, from: Data((row["audience"] as String).utf8))
            for group in Set(audience?.groups ?? []) { try insert.execute(arguments: [row["id"] as Int64, group]) }
        }
    }
}
