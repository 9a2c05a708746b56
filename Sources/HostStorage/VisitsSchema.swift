// VisitsSchema: which users opened which app per school and day, for the usage counts of the console (migration 0011).
enum VisitsSchema {
    static let sql = """
        -- One row per day, school, app and user; rows older than 31 days are purged, and an
        -- anonymized user's rows are deleted.
        CREATE TABLE plugin_visits (
            day TEXT NOT NULL,
            school_id TEXT NOT NULL,
            plugin_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            PRIMARY KEY (school_id, plugin_id, day, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX plugin_visits_user ON plugin_visits(user_id);
        CREATE INDEX plugin_visits_day ON plugin_visits(day);
        """
}
