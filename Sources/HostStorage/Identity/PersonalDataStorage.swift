// PersonalDataStorage: the RGPD export's read of the host's rows about one person, audited in the same transaction.
import GRDB

package protocol PersonalDataStorage: Sendable {
    /// The host's rows about `userID` (nil: no such user), read with `audit` recorded in the same transaction.
    func export(userID: String, audit: AuditEntry) throws -> HostPersonalData?
}

extension SQLiteDatabase {
    /// What the host keeps about people, in this database.
    package var personalData: any PersonalDataStorage { SQLitePersonalDataStorage(database: self) }
}

struct SQLitePersonalDataStorage: PersonalDataStorage {
    let database: SQLiteDatabase

    func export(userID: String, audit: AuditEntry) throws -> HostPersonalData? {
        try database.pool.write { db in
            let data = try HostPersonalData.load(db, userID: userID)
            try AuditLog.record(db, audit)
            return data
        }
    }
}
