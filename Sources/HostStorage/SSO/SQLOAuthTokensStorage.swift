// SQLOAuthTokensStorage: the OpenID provider's statements on both engines (sso_codes, sso_tokens).
import Foundation

extension HostDatabase {
    /// Authorization codes and tokens in this database.
    package var oauthTokens: any OAuthTokensStorage { SQLOAuthTokensStorage(database: self) }
}

struct SQLOAuthTokensStorage: OAuthTokensStorage {
    let database: HostDatabase

    private static func date(_ text: String?) -> Date? {
        text.flatMap { try? Date($0, strategy: .iso8601) }
    }

    func insertCode(hash: String, _ code: AuthorizationCodeRecord) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sso_codes (code_hash, client_id, user_id, school_id, redirect_uri, scope, nonce, code_challenge, auth_time, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    hash, code.clientID, code.userID, code.schoolID, code.redirectURI, code.scope, code.nonce, code.codeChallenge,
                    code.authTime?.formatted(.iso8601), code.expiresAt?.formatted(.iso8601),
                ])
        }
    }

    func changeCode<Answer>(hash: String, at: Date, _ decide: (AuthorizationCodeRecord) -> (GrantChange, Answer)) throws -> Answer? {
        try database.write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM sso_codes WHERE code_hash = ?", arguments: [hash]) else {
                return nil
            }
            let code = AuthorizationCodeRecord(
                clientID: row["client_id"], userID: row["user_id"], schoolID: row["school_id"], redirectURI: row["redirect_uri"],
                scope: row["scope"], nonce: row["nonce"], codeChallenge: row["code_challenge"], authTime: Self.date(row["auth_time"]),
                expiresAt: Self.date(row["expires_at"]), used: (row["used_at"] as String?) != nil)
            let (change, answer) = decide(code)
            switch change {
            case .nothing, .revoke: break
            case .spend:
                try db.execute(sql: "UPDATE sso_codes SET used_at = ? WHERE code_hash = ?", arguments: [at.formatted(.iso8601), hash])
            case .revokeFamily(let audit):
                try SSOTokenRevocation.revokeFamily(db, hash, at: at)
                if let audit { try AuditLog.record(db, audit) }
            }
            return answer
        }
    }

    func insertTokens(_ tokens: [TokenRecord], at: Date) throws {
        try database.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO sso_tokens (token_hash, kind, family, client_id, user_id, school_id, scope, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for token in tokens {
                try insert.execute(arguments: [
                    token.hash, token.kind, token.family, token.clientID, token.userID, token.schoolID, token.scope, at.formatted(.iso8601),
                    token.expiresAt?.formatted(.iso8601),
                ])
            }
        }
    }

    private static func token(_ row: SQLRow) -> TokenRecord {
        TokenRecord(
            hash: row["token_hash"], kind: row["kind"], family: row["family"], clientID: row["client_id"], userID: row["user_id"],
            schoolID: row["school_id"], scope: row["scope"], expiresAt: date(row["expires_at"]), used: (row["used_at"] as String?) != nil,
            revoked: (row["revoked_at"] as String?) != nil)
    }

    func changeToken<Answer>(hash: String, kind: String?, at: Date, _ decide: (TokenRecord) -> (GrantChange, Answer)) throws -> Answer? {
        try database.write { db in
            guard
                let row = try SQLRow.fetchOne(
                    db, sql: "SELECT * FROM sso_tokens WHERE token_hash = ? AND (CAST(? AS TEXT) IS NULL OR kind = ?)",
                    arguments: [hash, kind, kind])
            else { return nil }
            let token = Self.token(row)
            let (change, answer) = decide(token)
            switch change {
            case .nothing: break
            case .spend:
                try db.execute(sql: "UPDATE sso_tokens SET used_at = ? WHERE token_hash = ?", arguments: [at.formatted(.iso8601), hash])
            case .revoke:
                try db.execute(
                    sql: "UPDATE sso_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                    arguments: [at.formatted(.iso8601), hash])
            case .revokeFamily(let audit):
                try SSOTokenRevocation.revokeFamily(db, token.family, at: at)
                if let audit { try AuditLog.record(db, audit) }
            }
            return answer
        }
    }

    func accessToken(hash: String, now: Date) throws -> TokenRecord? {
        try database.read { db in
            try SQLRow.fetchOne(
                db,
                sql: """
                    SELECT * FROM sso_tokens WHERE token_hash = ? AND kind = 'access' AND revoked_at IS NULL AND expires_at > ?
                    """, arguments: [hash, now.formatted(.iso8601)]
            ).map(Self.token)
        }
    }

    func isActiveMember(userID: String, schoolID: String) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM users u JOIN user_schools us ON us.user_id = u.id AND us.school_id = ? AND us.detached_at IS NULL
                    WHERE u.id = ? AND u.state = 'active'
                    """, arguments: [schoolID, userID]) ?? false
        }
    }
}
