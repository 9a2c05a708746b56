// PublicNamesSchema: the names plugins claim for their public pages under /pub/ (migration 0014).
enum PublicNamesSchema {
    static let sql = """
        -- A name is unique per plugin across the platform (the public address carries no
        -- school); it belongs to the school that claimed it until released.
        CREATE TABLE public_names (
            plugin_id TEXT NOT NULL,
            name TEXT NOT NULL,
            school_id TEXT NOT NULL REFERENCES schools(id),
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (plugin_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX public_names_school ON public_names(school_id);
        """
}

/// Which plugins already created their demo content in which school (migration 0015).
enum DemoContentSchema {
    static let sql = """
        CREATE TABLE demo_content (
            plugin_id TEXT NOT NULL,
            school_id TEXT NOT NULL REFERENCES schools(id),
            seeded_at TEXT NOT NULL,
            PRIMARY KEY (plugin_id, school_id)
        ) WITHOUT ROWID;
        """
}
