// Avatars: stores, reads and removes users' re-encoded avatar pictures.
import Foundation
import HostStorage

/// One PNG per user, already re-encoded by ``AvatarImage``.
package enum Avatars {
    /// Stores a re-encoded picture as `userID`'s avatar, audited.
    package static func save(_ png: [UInt8], userID: String, address: String?, database: HostDatabase, at date: Date = Date()) throws {
        try database.avatars.save(
            png, userID: userID, at: date, audit: AuditEntry(at: date, action: "avatar.update", actor: userID, address: address))
    }

    /// Removes `userID`'s avatar, audited when there was one.
    package static func remove(userID: String, address: String?, database: HostDatabase, at date: Date = Date()) throws {
        try database.avatars.remove(userID: userID, audit: AuditEntry(at: date, action: "avatar.remove", actor: userID, address: address))
    }

    /// `userID`'s picture if `viewerID` may see their profile (``VisibleProfile``); nil otherwise or when there is none.
    package static func load(userID: String, seenBy viewerID: String, database: HostDatabase) throws -> [UInt8]? {
        let visible = try userID == viewerID || VisibleProfile.load(viewerID: viewerID, personID: userID, database: database) != nil
        guard visible else { return nil }
        return try database.avatars.png(userID: userID)
    }

    /// Whether `userID` has an avatar.
    package static func exists(userID: String, database: HostDatabase) throws -> Bool {
        try database.avatars.exists(userID: userID)
    }
}
