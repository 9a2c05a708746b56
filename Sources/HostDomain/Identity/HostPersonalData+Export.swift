// HostPersonalData+Export: a user's download of what the host keeps about them, audited as theirs.
import Foundation
import HostStorage

extension HostPersonalData {
    /// The host's rows about `userID` (nil: no such user), the export audited as theirs from `address`.
    package static func export(userID: String, address: String?, at date: Date, database: HostDatabase) throws -> HostPersonalData? {
        try database.personalData.export(
            userID: userID, audit: HostStorage.AuditEntry(at: date, action: "profile.export", actor: userID, address: address))
    }
}
