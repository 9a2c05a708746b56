// EnablementSchema: which plugins each school has, and at which version (migration 0009).
enum EnablementSchema {
    static let sql = """
        -- A row enables a plugin for a school; no row, no plugin (its data stays).
        -- version NULL: the newest installed version serves the school.
        CREATE TABLE plugin_enablement (
            school_id TEXT NOT NULL REFERENCES schools(id),
            plugin_id TEXT NOT NULL,
            version TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (school_id, plugin_id)
        ) WITHOUT ROWID;
        -- Bumped on every change, so each host process reloads its table when it moves.
        CREATE TABLE enablement_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO enablement_version (id, version) VALUES (1, 0);
        """
}
