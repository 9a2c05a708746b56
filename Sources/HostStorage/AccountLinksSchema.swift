// AccountLinksSchema: migration 0023 — a confirmed e-mail address, and the single-use links sent to it (password resets, address confirmations).

enum AccountLinksSchema {
    static let sql = """
        -- When the account's owner proved they read the address (a confirmation link); cleared when the address changes.
        ALTER TABLE users ADD COLUMN email_verified_at TEXT;
        -- Only the SHA-256 of a link's token is kept; a link works once, before expires_at, while the
        -- account's address is still the one it was sent to.
        CREATE TABLE account_links (
            token_hash TEXT PRIMARY KEY,
            purpose TEXT NOT NULL CHECK (purpose IN ('password-reset', 'email-confirmation')),
            user_id TEXT NOT NULL REFERENCES users(id),
            email TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL
        ) WITHOUT ROWID;
        CREATE INDEX account_links_user ON account_links(user_id, purpose, created_at);
        """
}
