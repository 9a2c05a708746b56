// SSOTokenRevocation: revoking tokens inside a transaction that also changes sessions, passwords or codes.
import Foundation

package enum SSOTokenRevocation {
    /// Revokes every token a user holds, in every tool: their portal sessions ended, or their password was reset.
    package static func revokeAll(_ db: any SQLSession, userID: String, now: Date) throws {
        try db.execute(
            sql: "UPDATE sso_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            arguments: [now.formatted(.iso8601), userID])
    }

    /// Revokes every token of a family (everything issued from one code).
    static func revokeFamily(_ db: any SQLSession, _ family: String, at: Date) throws {
        try db.execute(
            sql: "UPDATE sso_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
            arguments: [at.formatted(.iso8601), family])
    }
}
