// AuditLogReader: pages of the audit log, limited to what an admin's functions cover.
import HostStorage

/// Platform admins read every entry; authority and school admins read the entries of
/// their schools: those recorded for the school, and those whose actor or target is one
/// of its current members (a former member's own trail is no longer the school's).
/// Newest first, paged by entry id.
package enum AuditLogReader {
    package typealias Entry = AuditRecord

    package static let pageSize = 100

    /// The page the admin `userID` may read: up to ``pageSize`` entries older than `before`
    /// (an entry id), of `action` when given; nil when their functions cover no school.
    package static func page(forAdmin userID: String, before: Int64?, action: String?, database: HostDatabase) throws -> [Entry]? {
        let rights = try AdminRights.load(userID: userID, database: database)
        return try page(rights: rights, before: before, action: action, storage: database.auditTrail)
    }

    /// Up to ``pageSize`` entries older than `before`, or nil when `rights` cover nothing.
    package static func page(rights: AdminRights, before: Int64?, action: String? = nil, storage: any AuditReadStorage) throws -> [Entry]? {
        if !rights.isPlatformAdmin, rights.schoolIDs.isEmpty { return nil }
        return try storage.page(
            schoolIDs: rights.isPlatformAdmin ? nil : rights.schoolIDs.sorted(), before: before, action: action, limit: pageSize)
    }
}
