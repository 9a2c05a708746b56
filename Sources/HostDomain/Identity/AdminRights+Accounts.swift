// AdminRights+Accounts: whether an admin may act on one person's account (reset code, block, sessions, anonymization).
import Foundation
import HostStorage

/// Why an admin may not act on an account; `key` is the locale key people read.
package struct AccountActRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    package let key: String
    /// The reason in English, for the audit log and operators.
    package let description: String

    package static let noAccount = AccountActRefusal(key: "refusal.no_account", description: "no such account")
    package static let outsideReach = AccountActRefusal(key: "refusal.outside_reach", description: "outside the admin's schools")
    package static let peerAdmin = AccountActRefusal(key: "refusal.peer_admin", description: "an admin of equal or higher rank")
    package static let yourself = AccountActRefusal(key: "refusal.yourself", description: "the admin's own account")
}

extension AdminRights {
    /// 3 for the platform, 2 for an authority, 1 for a school, 0 for none: an admin acts only on lower ranks.
    package var rank: Int {
        isPlatformAdmin ? 3 : !authorityIDs.isEmpty ? 2 : !schoolIDs.isEmpty ? 1 : 0
    }

    /// Nil when the admin `adminID` (holding these rights) may act on `userID`'s account:
    /// every current school of the person is within the admin's reach, the person holds no
    /// admin function of the admin's rank or above, and it is not the admin's own account.
    package func refusal(toActOn userID: String, adminID: String, storage: any AdminReachStorage) throws -> AccountActRefusal? {
        guard let account = try storage.account(userID), !account.isAnonymized else { return .noAccount }
        return try standing(toActOn: userID, adminID: adminID, storage: storage)
    }

    /// The admin `adminID`'s standing toward `userID`'s account, read with their rights:
    /// nil when they may act on it, else why not, with the account's display name (nil: no
    /// such account). Reach, self and rank alone, whatever the account's state (anonymization
    /// checks its state itself).
    package static func standing(
        of adminID: String, toActOn userID: String, database: HostDatabase
    ) throws -> (name: String?, refusal: AccountActRefusal?) {
        let storage = database.adminReach
        guard let account = try storage.account(userID) else { return (nil, nil) }
        return (
            account.displayName, try load(userID: adminID, storage: storage).standing(toActOn: userID, adminID: adminID, storage: storage)
        )
    }

    package func standing(toActOn userID: String, adminID: String, storage: any AdminReachStorage) throws -> AccountActRefusal? {
        if userID == adminID { return .yourself }
        guard try administers(user: userID, storage: storage) else { return .outsideReach }
        let target = try AdminRights.load(userID: userID, storage: storage)
        if target.rank > 0, target.rank >= rank { return .peerAdmin }
        return nil
    }

    /// Checks ``refusal(toActOn:adminID:storage:)`` for `act` and records a refusal in the audit log before throwing it.
    package func requireAct(_ act: String, on userID: String, adminID: String, address: String?, database: HostDatabase) throws {
        guard let found = try refusal(toActOn: userID, adminID: adminID, storage: database.adminReach) else { return }
        try database.auditTrail.record(
            AuditEntry(action: "account.refused", actor: adminID, target: userID, detail: "\(act): \(found.description)", address: address))
        throw found
    }
}
