// BulkAccounts: what a school admin does to several accounts at once — new activation codes, a block, a move to another class.
import Foundation
import HostStorage

/// The caller checked that every account is in the admin's reach (``AdminRights/requireAct``)
/// before calling, so no account outside it is ever touched; each account's change is audited.
/// New codes and a move are one transaction; a block is one per account (as a single block is).
package struct BulkAccounts: Sendable {
    let storage: any BulkAccountsStorage
    let blocking: AccountBlocking
    package static let maximum = 500

    package init(database: HostDatabase) {
        storage = database.bulkAccounts
        blocking = AccountBlocking(database: database)
    }

    /// The classes pupils can be moved to, by name.
    package func classes(schoolID: String) throws -> [(id: String, name: String)] {
        try storage.classes(of: schoolID)
    }

    /// New single-use codes (7 days) for the accounts, as the CSV a school hands out; anonymized
    /// and blocked accounts get none.
    package func codes(for userIDs: [String], schoolID: String, by actor: String?, address: String?) throws -> String {
        let codes = Dictionary(uniqueKeysWithValues: Set(userIDs).map { ($0, ActivationCode.make()) })
        let expires = Date().addingTimeInterval(Double(ActivationCode.lifetimeDays) * 86_400).formatted(.iso8601)
        let issued = try storage.issueCodes(codes, schoolID: schoolID, expiresAt: expires) {
            AuditEntry(action: "reset-code", actor: actor, target: $0, detail: "bulk", address: address, school: schoolID)
        }
        return ActivationCodeExport.csv(issued)
    }

    /// Blocks every account; returns how many were blocked (those already blocked stay as they are).
    package func block(_ userIDs: [String], by actor: String?, address: String?) throws -> Int {
        var blocked = 0
        for userID in Set(userIDs).sorted() {
            do {
                _ = try blocking.block(userID: userID, by: actor, address: address)
                blocked += 1
            } catch is AccessRefusal {
                continue
            }
        }
        return blocked
    }

    /// Moves pupils into `classID` of `schoolID` (out of their other classes of that school).
    /// Refuses the whole batch, changing nothing, when the class is not the school's or an
    /// account is not a pupil of the school: a teacher's classes are the timetable's, set by import.
    package func move(_ userIDs: [String], toClass classID: String, schoolID: String, by actor: String?, address: String?) throws {
        guard try storage.classes(of: schoolID).contains(where: { $0.id == classID }) else { throw AccessRefusal(key: "bulk.no_class") }
        let wanted = Array(Set(userIDs)).sorted()
        let profiles = try storage.profiles(wanted, schoolID: schoolID)
        guard wanted.allSatisfy({ profiles[$0] == Profile.student.rawValue }) else { throw AccessRefusal(key: "bulk.pupils_only") }
        try storage.moveToClass(wanted, schoolID: schoolID, classID: classID) {
            AuditEntry(action: "account.move_class", actor: actor, target: $0, detail: classID, address: address, school: schoolID)
        }
    }
}
