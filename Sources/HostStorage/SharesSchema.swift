// SharesSchema: who may read, comment, contribute to or manage a plugin's resource (migration 0010).
enum SharesSchema {
    static let sql = """
        -- One share gives a user or a group of the school a right on one resource of one
        -- plugin: 1 read, 2 comment, 3 contrib, 4 manage (each includes the lower ones).
        CREATE TABLE shares (
            plugin_id TEXT NOT NULL,
            school_id TEXT NOT NULL REFERENCES schools(id),
            resource_id TEXT NOT NULL,
            target_kind TEXT NOT NULL CHECK (target_kind IN ('user', 'group')),
            target_id TEXT NOT NULL,
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
            created_at TEXT NOT NULL,
            PRIMARY KEY (plugin_id, school_id, resource_id, target_kind, target_id)
        ) WITHOUT ROWID;
        CREATE INDEX shares_target ON shares(target_kind, target_id, plugin_id, school_id);
        """
}
