// AccountStatesStorage: what blocking stores — an account's state, its sessions and tokens ended with it.
import Foundation

/// What a state change did: changed, or nothing because the account is in `state` (nil: no such account).
package enum AccountStateChange: Sendable, Equatable {
    /// Blocked, with the number of portal sessions it ended.
    case changed(endedSessions: Int)
    case unchanged(state: String?)
}

package protocol AccountStatesStorage: Sendable {
    /// Blocks a pending or active account: ends its portal sessions and revokes its tokens
    /// in every tool, with `audit(endedSessions)`, in one transaction.
    func block(userID: String, at: Date, audit: (Int) -> AuditEntry) throws -> AccountStateChange
    /// Unblocks a blocked account (pending again if it never set a password), with `audit`.
    func unblock(userID: String, at: Date, audit: AuditEntry) throws -> AccountStateChange
}

extension HostDatabase {
    /// Accounts' states in this database.
    package var accountStates: any AccountStatesStorage { SQLAccountStatesStorage(database: self) }
}
