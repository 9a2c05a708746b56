// DirectorySchema: the host tables of the directory (authorities, schools, classes, groups, users, links).
/// SQL of migration 0003. Ids are opaque text; users are never deleted, only detached or anonymized.
enum DirectorySchema {
    static let sql = """
        CREATE TABLE authorities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE schools (
            id TEXT PRIMARY KEY,
            uai TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            authority_id TEXT NOT NULL REFERENCES authorities(id),
            pilot INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE classes (
            id TEXT PRIMARY KEY,
            school_id TEXT NOT NULL REFERENCES schools(id),
            name TEXT NOT NULL,
            level TEXT,
            UNIQUE (school_id, name)
        );
        -- Profile groups (per school, or per class when class_id is set) and manual groups.
        CREATE TABLE groups (
            id TEXT PRIMARY KEY,
            school_id TEXT NOT NULL REFERENCES schools(id),
            class_id TEXT REFERENCES classes(id),
            kind TEXT NOT NULL CHECK (kind IN ('profile', 'manual')),
            profile TEXT CHECK (profile IN ('Student', 'Teacher', 'Relative', 'Personnel', 'Guest')),
            name TEXT NOT NULL
        );
        CREATE UNIQUE INDEX groups_profile ON groups(school_id, ifnull(class_id, ''), profile) WHERE kind = 'profile';
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            external_id TEXT UNIQUE,
            login TEXT NOT NULL UNIQUE,
            first_name TEXT NOT NULL,
            last_name TEXT NOT NULL,
            display_name TEXT NOT NULL,
            profile TEXT NOT NULL CHECK (profile IN ('Student', 'Teacher', 'Relative', 'Personnel', 'Guest')),
            email TEXT,
            birth_date TEXT,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'active', 'blocked', 'anonymized')),
            password_hash TEXT,
            activation_code TEXT,
            activation_expires_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        -- A user may belong to several schools; a re-import that no longer lists them detaches them.
        CREATE TABLE user_schools (
            user_id TEXT NOT NULL REFERENCES users(id),
            school_id TEXT NOT NULL REFERENCES schools(id),
            detached_at TEXT,
            PRIMARY KEY (user_id, school_id)
        ) WITHOUT ROWID;
        CREATE INDEX user_schools_school ON user_schools(school_id, user_id);
        CREATE TABLE user_classes (
            user_id TEXT NOT NULL REFERENCES users(id),
            class_id TEXT NOT NULL REFERENCES classes(id),
            PRIMARY KEY (user_id, class_id)
        ) WITHOUT ROWID;
        CREATE INDEX user_classes_class ON user_classes(class_id, user_id);
        CREATE TABLE group_members (
            group_id TEXT NOT NULL REFERENCES groups(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            PRIMARY KEY (group_id, user_id)
        ) WITHOUT ROWID;
        CREATE TABLE parent_links (
            parent_id TEXT NOT NULL REFERENCES users(id),
            child_id TEXT NOT NULL REFERENCES users(id),
            PRIMARY KEY (parent_id, child_id)
        ) WITHOUT ROWID;
        CREATE INDEX parent_links_child ON parent_links(child_id);
        -- Admin functions: platform (scope_id ''), authority (an authority id), school (a school id).
        CREATE TABLE admin_functions (
            user_id TEXT NOT NULL REFERENCES users(id),
            function TEXT NOT NULL CHECK (function IN ('platform', 'authority', 'school')),
            scope_id TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (user_id, function, scope_id)
        ) WITHOUT ROWID;
        """
}
