// SignOutEverywhere: ending a user's portal sessions and their tools' tokens, inside the transaction that decided it.
import Foundation

/// What a revocation, a block and a new password share: every live session and every token
/// single sign-on gave a tool end together.
enum SignOutEverywhere {
    /// Ends them at `at`; returns how many portal sessions were live.
    @discardableResult
    static func run(_ db: any SQLSession, userID: String, at: Date) throws -> Int {
        try db.execute(
            sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            arguments: [at.timeIntervalSince1970, userID])
        let ended = db.changesCount
        try SSOTokenRevocation.revokeAll(db, userID: userID, now: at)
        return ended
    }
}
