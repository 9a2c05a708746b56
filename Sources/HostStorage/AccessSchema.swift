// AccessSchema: the host tables of access control (roles, their actions, grants to groups, module enablement).
/// SQL of migration 0008.
enum AccessSchema {
    static let sql = """
        -- A role bundles actions within one school. Roles a school gets from a plugin's
        -- manifest defaults name that plugin, so they can be refreshed with a new version.
        CREATE TABLE roles (
            id TEXT PRIMARY KEY,
            school_id TEXT NOT NULL REFERENCES schools(id),
            name TEXT NOT NULL,
            plugin_id TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (school_id, name)
        );
        CREATE TABLE role_actions (
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            PRIMARY KEY (role_id, action)
        ) WITHOUT ROWID;
        -- Roles are granted to groups of the same school (profile groups or manual groups).
        CREATE TABLE role_grants (
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES groups(id),
            PRIMARY KEY (role_id, group_id)
        ) WITHOUT ROWID;
        CREATE INDEX role_grants_group ON role_grants(group_id);
        -- Bumped whenever a role, its actions or its grants change in a school: sessions
        -- recompute their cached actions when it differs from theirs.
        ALTER TABLE schools ADD COLUMN grants_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sessions ADD COLUMN actions TEXT;
        ALTER TABLE sessions ADD COLUMN actions_version INTEGER;
        ALTER TABLE sessions ADD COLUMN actions_school_id TEXT;
        """
}
