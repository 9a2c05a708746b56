// AccountBlocking: a school admin blocks an account (sessions end, login refused) and unblocks it later.
import Foundation
import HostStorage

/// Blocking keeps everything the account owns; only logging in is refused, and its open
/// sessions end at once. Unblocking returns the account to `active`, or to `pending` when it
/// never chose a password.
package struct AccountBlocking: Sendable {
    let storage: any AccountStatesStorage

    package init(storage: any AccountStatesStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.accountStates)
    }

    /// Blocks `userID`; returns how many sessions ended. The caller checked the admin's reach.
    @discardableResult
    package func block(userID: String, by actor: String?, address: String? = nil) throws -> Int {
        let change = try storage.block(userID: userID, at: Date()) { ended in
            AuditEntry(action: "account.block", actor: actor, target: userID, detail: "\(ended) sessions ended", address: address)
        }
        switch change {
        case .changed(let ended): return ended
        case .unchanged(let state): throw AccessRefusal(key: Self.unchangedReason(state: state, wanted: "blocked"))
        }
    }

    /// Unblocks `userID`.
    package func unblock(userID: String, by actor: String?, address: String? = nil) throws {
        let change = try storage.unblock(
            userID: userID, at: Date(), audit: AuditEntry(action: "account.unblock", actor: actor, target: userID, address: address))
        if case .unchanged(let state) = change { throw AccessRefusal(key: Self.unchangedReason(state: state, wanted: "active")) }
    }

    /// Why nothing changed, as a refusal's locale key.
    private static func unchangedReason(state: String?, wanted: String) -> String {
        switch state {
        case nil: "refusal.no_account"
        case "anonymized": "refusal.account_anonymized"
        case "blocked" where wanted == "blocked": "refusal.already_blocked"
        default: "refusal.not_blocked"
        }
    }
}
