// SSOSchema: the tables of single sign-on — the provider's signing keys and the external tools registered as clients (migration 0016).
enum SSOSchema {
    static let sql = """
        -- Keys that sign ID tokens. One RS256 and one ES256 key sign at a time; a retired key
        -- stays published in the JWKS until `unpublish_after`, so tokens it signed still verify.
        CREATE TABLE sso_signing_keys (
            kid TEXT PRIMARY KEY,
            algorithm TEXT NOT NULL CHECK (algorithm IN ('RS256', 'ES256')),
            private_pem TEXT NOT NULL,
            created_at TEXT NOT NULL,
            retired_at TEXT,
            unpublish_after TEXT
        ) WITHOUT ROWID;
        -- External tools: OpenID Connect clients and CAS services. A client without a secret is
        -- public (a mobile app: PKCE required). Redirect URIs are matched exactly.
        CREATE TABLE sso_clients (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('oidc', 'cas')),
            secret_hash TEXT,
            redirect_uris TEXT NOT NULL DEFAULT '[]',
            post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]',
            scopes TEXT NOT NULL DEFAULT 'openid',
            subject_type TEXT NOT NULL DEFAULT 'pairwise' CHECK (subject_type IN ('public', 'pairwise')),
            first_party INTEGER NOT NULL DEFAULT 0,
            authority_id TEXT REFERENCES authorities(id),
            created_by TEXT,
            created_at TEXT NOT NULL,
            disabled_at TEXT
        ) WITHOUT ROWID;
        -- The schools whose users may sign in to a client.
        CREATE TABLE sso_client_schools (
            client_id TEXT NOT NULL REFERENCES sso_clients(id),
            school_id TEXT NOT NULL REFERENCES schools(id),
            PRIMARY KEY (client_id, school_id)
        ) WITHOUT ROWID;
        CREATE INDEX sso_client_schools_school ON sso_client_schools(school_id);
        """
}

/// Grants of the OpenID provider: codes, tokens, consents and the pairwise salt (migration 0017).
enum SSOGrantsSchema {
    static let sql = """
        -- Authorization codes: single use, a minute long; only their hash is kept. A code used
        -- twice revokes every token issued from it (its family).
        CREATE TABLE sso_codes (
            code_hash TEXT PRIMARY KEY,
            client_id TEXT NOT NULL REFERENCES sso_clients(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            school_id TEXT NOT NULL REFERENCES schools(id),
            redirect_uri TEXT NOT NULL,
            scope TEXT NOT NULL,
            nonce TEXT,
            code_challenge TEXT,
            auth_time TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        ) WITHOUT ROWID;
        -- Access and refresh tokens (hashes). A family is everything issued from one code;
        -- a refresh token used twice (after its rotation) revokes its family.
        CREATE TABLE sso_tokens (
            token_hash TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
            family TEXT NOT NULL,
            client_id TEXT NOT NULL REFERENCES sso_clients(id),
            user_id TEXT REFERENCES users(id),
            school_id TEXT REFERENCES schools(id),
            scope TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            revoked_at TEXT
        ) WITHOUT ROWID;
        CREATE INDEX sso_tokens_family ON sso_tokens(family);
        CREATE INDEX sso_tokens_user ON sso_tokens(user_id);
        -- What a user agreed a third-party tool may receive.
        CREATE TABLE sso_consents (
            user_id TEXT NOT NULL REFERENCES users(id),
            client_id TEXT NOT NULL REFERENCES sso_clients(id),
            scope TEXT NOT NULL,
            granted_at TEXT NOT NULL,
            PRIMARY KEY (user_id, client_id)
        ) WITHOUT ROWID;
        -- The installation's secret salt of pairwise subject identifiers.
        CREATE TABLE sso_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}

/// CAS service tickets (migration 0018).
enum CASSchema {
    static let sql = """
        -- ST-… tickets: single use, short-lived, bound to the service URL they were issued for.
        -- `primary_login` marks a ticket issued right after the user typed their credentials (renew).
        CREATE TABLE sso_cas_tickets (
            ticket TEXT PRIMARY KEY,
            client_id TEXT NOT NULL REFERENCES sso_clients(id),
            service TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id),
            school_id TEXT NOT NULL REFERENCES schools(id),
            primary_login INTEGER NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        ) WITHOUT ROWID;
        """
}

/// Device authorization grants, RFC 8628 (migration 0019).
enum DeviceGrantSchema {
    static let sql = """
        -- A device shows `user_code`; the user enters it at /device and decides; the device polls
        -- the token endpoint with `device_code` (kept as a hash) no faster than `interval`.
        CREATE TABLE sso_device_codes (
            device_code_hash TEXT PRIMARY KEY,
            user_code TEXT NOT NULL UNIQUE,
            client_id TEXT NOT NULL REFERENCES sso_clients(id),
            scope TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            interval_seconds INTEGER NOT NULL,
            last_poll_at TEXT,
            user_id TEXT REFERENCES users(id),
            school_id TEXT REFERENCES schools(id),
            decision TEXT CHECK (decision IN ('approved', 'denied')),
            used_at TEXT
        ) WITHOUT ROWID;
        """
}

/// Login through external OpenID providers (migration 0020).
enum UpstreamSchema {
    static let sql = """
        -- A login started at an external provider: its state, nonce and PKCE verifier, for ten minutes.
        CREATE TABLE sso_upstream_states (
            state TEXT PRIMARY KEY,
            provider TEXT NOT NULL,
            nonce TEXT NOT NULL,
            verifier TEXT NOT NULL,
            return_to TEXT NOT NULL,
            expires_at TEXT NOT NULL
        ) WITHOUT ROWID;
        -- An external identity linked to a Cartable account, once the person proved they own it.
        CREATE TABLE sso_upstream_links (
            provider TEXT NOT NULL,
            subject TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id),
            linked_at TEXT NOT NULL,
            PRIMARY KEY (provider, subject)
        ) WITHOUT ROWID;
        CREATE INDEX sso_upstream_links_user ON sso_upstream_links(user_id);
        -- An external identity seen but not linked yet, waiting for the person's password or code.
        CREATE TABLE sso_upstream_pending (
            token_hash TEXT PRIMARY KEY,
            provider TEXT NOT NULL,
            subject TEXT NOT NULL,
            display_name TEXT,
            expires_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}
