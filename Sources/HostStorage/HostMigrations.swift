// HostMigrations: the numbered schema migrations of the host's own tables, one list  and PostgreSQL.

/// Host tables, created and evolved by numbered migrations (`cartable migrate`, also at start).
/// A migration, once released, is never edited: add the next number. Each is written in
/// SQLite's SQL; PostgreSQL runs the same list, translated by ``PostgresDialect`` (or its own
/// text where a type differs on purpose, such as `jsonb` documents).
enum HostMigrations {
    /// One numbered migration.
    struct Step: Sendable {
        let name: String
        let sql: String
        /// PostgreSQL's text when the translation of `sql` is not what PostgreSQL should keep.
        let postgres: String?
        /// Rewrites rows that existed before (SQLite only: a PostgreSQL portal starts from the
        /// latest schema, and `migrate-data` copies rows already in their final shape).
        let backfill: (@Sendable (any SQLSession) throws -> Void)?

        init(_ name: String, sql: String, postgres: String? = nil, backfill: (@Sendable (any SQLSession) throws -> Void)? = nil) {
            self.name = name
            self.sql = sql
            self.postgres = postgres
            self.backfill = backfill
        }

        /// The statements PostgreSQL runs for this step.
        var postgresSQL: String { postgres ?? PostgresDialect.translate(sql) }
    }

    static let steps: [Step] = [
        // Plugin documents, scoped by plugin id and by scope (platform, later school).
        Step(
            "0001-documents",
            sql: """
                CREATE TABLE documents (
                    plugin TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    collection TEXT NOT NULL,
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (plugin, scope, collection, id)
                ) WITHOUT ROWID
                """,
            // PostgreSQL keeps documents as jsonb, so indexed fields are expression indexes on it.
            postgres: """
                CREATE TABLE documents (
                    plugin TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    collection TEXT NOT NULL,
                    id TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    body JSONB NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (plugin, scope, collection, id)
                )
                """),
        // Admin-set plugin settings, merged over the manifest's defaults.
        Step(
            "0002-plugin-settings",
            sql: """
                CREATE TABLE plugin_settings (
                    plugin TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    settings TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (plugin, scope)
                ) WITHOUT ROWID
                """),
        Step("0003-directory", sql: DirectorySchema.sql),
        // Failed logins, counted per account and per client address for throttling.
        Step(
            "0004-credentials-audit",
            sql: """
                CREATE TABLE login_failures (
                    kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
                    key TEXT NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX login_failures_key ON login_failures(kind, key, at);
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor_id TEXT,
                    action TEXT NOT NULL,
                    target TEXT,
                    detail TEXT,
                    address TEXT
                );
                CREATE INDEX audit_log_at ON audit_log(at);
                """),
        // Server-side sessions; the cookie holds a random token, the table only its SHA-256.
        Step(
            "0005-sessions",
            sql: """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    school_id TEXT REFERENCES schools(id),
                    csrf_token TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    last_seen_at REAL NOT NULL,
                    revoked_at REAL,
                    address TEXT
                ) WITHOUT ROWID;
                CREATE INDEX sessions_user ON sessions(user_id);
                """),
        // What a user tells about themselves, and which fields other users may see.
        Step(
            "0006-profile",
            sql: """
                ALTER TABLE users ADD COLUMN motto TEXT;
                ALTER TABLE users ADD COLUMN show_email INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE users ADD COLUMN show_birth_date INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE users ADD COLUMN show_motto INTEGER NOT NULL DEFAULT 1;
                """),
        // The child a parent's session looks at, avatars (re-encoded PNG), and the school
        // an audit entry concerns, so school and authority admins read their own entries.
        Step(
            "0007-child-avatar-audit-school",
            sql: """
                ALTER TABLE sessions ADD COLUMN child_id TEXT REFERENCES users(id);
                CREATE TABLE avatars (
                    user_id TEXT PRIMARY KEY REFERENCES users(id),
                    png BLOB NOT NULL,
                    updated_at TEXT NOT NULL
                ) WITHOUT ROWID;
                ALTER TABLE audit_log ADD COLUMN school_id TEXT;
                CREATE INDEX audit_log_school ON audit_log(school_id, id);
                CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
                CREATE INDEX audit_log_target ON audit_log(target, id);
                """),
        Step("0008-access", sql: AccessSchema.sql),
        Step("0009-enablement", sql: EnablementSchema.sql),
        Step("0010-shares", sql: SharesSchema.sql),
        Step("0011-plugin-visits", sql: VisitsSchema.sql),
        Step("0012-events", sql: EventsSchema.sql),
        // NULL: follow the browser (Accept-Language).
        Step("0013-preferred-language", sql: "ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('fr', 'en'))"),
        Step("0014-public-names", sql: PublicNamesSchema.sql),
        Step("0015-demo-content", sql: DemoContentSchema.sql),
        Step("0016-sso", sql: SSOSchema.sql),
        Step("0017-sso-grants", sql: SSOGrantsSchema.sql),
        Step("0018-cas", sql: CASSchema.sql),
        Step("0019-device-grants", sql: DeviceGrantSchema.sql),
        Step("0020-upstream", sql: UpstreamSchema.sql),
        // Failures of any kind (accounts, addresses, device codes typed at /device); purged by the retention job.
        Step(
            "0021-throttle-kinds",
            sql: """
                CREATE TABLE login_failures_any (kind TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL);
                INSERT INTO login_failures_any SELECT kind, key, at FROM login_failures;
                DROP TABLE login_failures;
                ALTER TABLE login_failures_any RENAME TO login_failures;
                CREATE INDEX login_failures_key ON login_failures(kind, key, at);
                CREATE INDEX events_created ON events(created_at);
                """),
        Step("0022-event-groups", sql: EventGroupsSchema.sql, backfill: EventGroupsSchema.backfill),
        Step("0023-account-links", sql: AccountLinksSchema.sql),
    ]
}
