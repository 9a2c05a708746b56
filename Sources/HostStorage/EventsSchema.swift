// EventsSchema: events plugins emit, who sees them on their timeline, and their delivery to subscribed plugins (migration 0012).
enum EventsSchema {
    static let sql = """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plugin_id TEXT NOT NULL,
            school_id TEXT NOT NULL REFERENCES schools(id),
            type TEXT NOT NULL,
            actor_id TEXT,
            link TEXT NOT NULL,
            resource TEXT,
            params TEXT NOT NULL,
            audience TEXT NOT NULL,
            idempotency_key TEXT,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX events_key ON events(plugin_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
        -- The audience, expanded to users when the event is emitted; read_at marks it read.
        CREATE TABLE event_recipients (
            user_id TEXT NOT NULL,
            event_id INTEGER NOT NULL REFERENCES events(id),
            school_id TEXT NOT NULL,
            read_at TEXT,
            PRIMARY KEY (user_id, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_recipients_unread ON event_recipients(user_id, read_at);
        -- One row per event and subscribed plugin until it is delivered.
        CREATE TABLE event_deliveries (
            event_id INTEGER NOT NULL REFERENCES events(id),
            plugin_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at REAL NOT NULL,
            delivered_at TEXT,
            last_error TEXT,
            PRIMARY KEY (event_id, plugin_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_deliveries_due ON event_deliveries(next_at) WHERE delivered_at IS NULL;
        """
}
