// HostMigrations: the numbered schema migrations of the host's own tables.
import GRDB

/// Host tables, created and evolved by numbered migrations (`cartable migrate`, also at start).
/// A migration, once released, is never edited: add the next number.
enum HostMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001-documents") { db in
            // Plugin documents, scoped by plugin id and by scope (platform, later school).
            try db.execute(
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
                    """)
        }
        migrator.registerMigration("0002-plugin-settings") { db in
            // Admin-set plugin settings, merged over the manifest's defaults.
            try db.execute(
                sql: """
                    CREATE TABLE plugin_settings (
                        plugin TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        settings TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (plugin, scope)
                    ) WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("0003-directory") { db in
            try db.execute(sql: DirectorySchema.sql)
        }
        migrator.registerMigration("0004-credentials-audit") { db in
            // Failed logins, counted per account and per client address for throttling.
            try db.execute(
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
                    """)
        }
        migrator.registerMigration("0005-sessions") { db in
            // Server-side sessions; the cookie holds a random token, the table only its SHA-256.
            try db.execute(
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
                    """)
        }
        migrator.registerMigration("0006-profile") { db in
            // What a user tells about themselves, and which fields other users may see.
            try db.execute(
                sql: """
                    ALTER TABLE users ADD COLUMN motto TEXT;
                    ALTER TABLE users ADD COLUMN show_email INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE users ADD COLUMN show_birth_date INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE users ADD COLUMN show_motto INTEGER NOT NULL DEFAULT 1;
                    """)
        }
        migrator.registerMigration("0007-child-avatar-audit-school") { db in
            // The child a parent's session looks at, avatars (re-encoded PNG), and the school
            // an audit entry concerns, so school and authority admins read their own entries.
            try db.execute(
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
                    """)
        }
        migrator.registerMigration("0008-access") { db in
            try db.execute(sql: AccessSchema.sql)
        }
        migrator.registerMigration("0009-enablement") { db in
            try db.execute(sql: EnablementSchema.sql)
        }
        migrator.registerMigration("0010-shares") { db in
            try db.execute(sql: SharesSchema.sql)
        }
        migrator.registerMigration("0011-plugin-visits") { db in
            try db.execute(sql: VisitsSchema.sql)
        }
        migrator.registerMigration("0012-events") { db in
            try db.execute(sql: EventsSchema.sql)
        }
        migrator.registerMigration("0013-preferred-language") { db in
            // NULL: follow the browser (Accept-Language).
            try db.execute(sql: "ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('fr', 'en'))")
        }
        migrator.registerMigration("0014-public-names") { db in
            try db.execute(sql: PublicNamesSchema.sql)
        }
        migrator.registerMigration("0015-demo-content") { db in
            try db.execute(sql: DemoContentSchema.sql)
        }
        migrator.registerMigration("0016-sso") { db in
            try db.execute(sql: SSOSchema.sql)
        }
        migrator.registerMigration("0017-sso-grants") { db in
            try db.execute(sql: SSOGrantsSchema.sql)
        }
        migrator.registerMigration("0018-cas") { db in
            try db.execute(sql: CASSchema.sql)
        }
        migrator.registerMigration("0019-device-grants") { db in
            try db.execute(sql: DeviceGrantSchema.sql)
        }
        migrator.registerMigration("0020-upstream") { db in
            try db.execute(sql: UpstreamSchema.sql)
        }
        migrator.registerMigration("0021-throttle-kinds") { db in
            // Failures of any kind (accounts, addresses, device codes typed at /device); purged by the retention job.
            try db.execute(
                sql: """
                    CREATE TABLE login_failures_any (kind TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL);
                    INSERT INTO login_failures_any SELECT kind, key, at FROM login_failures;
                    DROP TABLE login_failures;
                    ALTER TABLE login_failures_any RENAME TO login_failures;
                    CREATE INDEX login_failures_key ON login_failures(kind, key, at);
                    CREATE INDEX events_created ON events(created_at);
                    """)
        }
        migrator.registerMigration("0022-event-groups") { db in
            try db.execute(sql: EventGroupsSchema.sql)
            try EventGroupsSchema.backfill(db)
        }
        migrator.registerMigration("0023-account-links") { db in
            try db.execute(sql: AccountLinksSchema.sql)
        }
        return migrator
    }
}
