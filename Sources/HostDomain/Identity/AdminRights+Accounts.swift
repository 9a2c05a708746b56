// AdminRights+Accounts: whether an admin may act on one person's account (reset code, block, sessions, anonymization).
import Foundation
import GRDB
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
    package func refusal(toActOn userID: String, adminID: String, _ db: GRDB.Database) throws -> AccountActRefusal? {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ? AND state != 'anonymized'", arguments: [userID]) != nil else {
            return .noAccount
        }
        return try standing(toActOn: userID, adminID: adminID, db)
    }

    /// Reach, self and rank alone, whatever the account's state (anonymization checks its state itself).
    /// The admin `adminID`'s standing toward `userID`'s account, read with their rights:
    /// nil when they may act on it, else why not, with the account's display name (nil: no such account).
    package static func standing(
        of adminID: String, toActOn userID: String, database: SQLiteDatabase
    ) throws -> (name: String?, refusal: AccountActRefusal?) {
        try database.pool.read { db in
            guard let name = try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE id = ?", arguments: [userID]) else {
                return (nil, nil)
            }
            return (name, try load(db, userID: adminID).standing(toActOn: userID, adminID: adminID, db))
        }
    }

    package func standing(toActOn userID: String, adminID: String, _ db: GRDB.Database) throws -> AccountActRefusal? {
        if userID == adminID { return .yourself }
        guard try administers(user: userID, db) else { return .outsideReach }
        let target = try AdminRights.load(db, userID: userID)
        if target.rank > 0, target.rank >= rank { return .peerAdmin }
        return nil
    }

    /// Checks ``refusal(toActOn:adminID:_:)`` for `act` and records a refusal in the audit log before throwing it.
    package func requireAct(_ act: String, on userID: String, adminID: String, address: String?, database: SQLiteDatabase) throws {
        let rights = self
        let found = try database.pool.read { db in try rights.refusal(toActOn: userID, adminID: adminID, db) }
        guard let found else { return }
        try database.pool.write { db in
            try AuditLog.record(
                db, at: Date(), action: "account.refused", actor: adminID, target: userID, detail: "\(act): \(found.description)",
                address: address)
        }
        throw found
    }
}
