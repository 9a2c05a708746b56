// SharesStorage: what the shares concern stores — rights of users and groups of one school on a plugin's resources.
/// Where a share lives: one plugin, one school, one resource id of that plugin.
package struct ShareScope: Sendable, Equatable {
    package let pluginID: String
    package let schoolID: String

    package init(pluginID: String, schoolID: String) {
        self.pluginID = pluginID
        self.schoolID = schoolID
    }
}

/// The target of a share is not of the share's school.
package struct ShareTargetOutsideSchool: Error, Equatable {
    /// `user` or `group`.
    package let kind: String
    package let id: String
}

/// A share as stored: its target and its level (1 read … 4 manage).
package struct ShareRecord: Sendable, Equatable {
    package let kind: String
    package let targetID: String
    package let level: Int32

    package init(kind: String, targetID: String, level: Int32) {
        self.kind = kind
        self.targetID = targetID
        self.level = level
    }
}

/// Shares of one plugin's resources. A user is reached by a share on them and by a share on
/// a group of the school they belong to (their profile group, their classes' profile groups —
/// a parent's are their children's, or the child in view's —, the manual groups they are in).
package protocol SharesStorage: Sendable {
    /// Gives `target` (a `user` attached to the school, or a `group` of it) `level` on
    /// `resource`, replacing its previous level, and records `audit`, in one transaction.
    /// Throws ``ShareTargetOutsideSchool`` for a target of another school.
    func set(_ scope: ShareScope, resource: String, kind: String, target: String, level: Int32, audit: AuditEntry) throws

    /// Withdraws `target`'s share on `resource`; records `audit` only when there was one.
    func revoke(_ scope: ShareScope, resource: String, kind: String, target: String, audit: AuditEntry) throws

    /// The shares of `resource`, by target kind then id.
    func list(_ scope: ShareScope, resource: String) throws -> [ShareRecord]

    /// The highest level reaching `viewer` on `resource`, or nil.
    func highestLevel(_ scope: ShareScope, resource: String, viewer: ShareViewer) throws -> Int32?

    /// The resources on which a level of at least `level` reaches `viewer`, by id.
    func resources(_ scope: ShareScope, reaching viewer: ShareViewer, atLeast level: Int32) throws -> [String]
}
