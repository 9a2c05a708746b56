// Shares: rights on a plugin's resources for users and groups of one school (read ⊂ comment ⊂ contrib ⊂ manage).
import CartableWire
import Foundation
import HostStorage

/// Backs `cartable.access/1`'s shares. Everything is confined to one plugin and one
/// school: a share may only target a user attached to the school or one of its groups.
package struct Shares: Sendable {
    package typealias Right = ShareRight
    package typealias Share = ShareEntry

    let storage: any SharesStorage
    let scope: ShareScope

    package init(storage: any SharesStorage, pluginID: String, schoolID: String) {
        self.storage = storage
        self.scope = ShareScope(pluginID: pluginID, schoolID: schoolID)
    }

    package init(database: HostDatabase, pluginID: String, schoolID: String) {
        self.init(storage: database.shares, pluginID: pluginID, schoolID: schoolID)
    }

    /// Gives `target` (`user` or `group`) `right` on `resource`, replacing its previous right.
    package func set(resource: String, kind: String, target: String, right: Right, by actor: String?) throws {
        try Self.checkResource(resource)
        guard kind == "user" || kind == "group" else { throw AccessRefusal("a share targets a 'user' or a 'group', not '\(kind)'") }
        let audit = AuditEntry(
            action: "share.set", actor: actor, target: "\(scope.pluginID):\(resource)", detail: "\(kind) \(target) \(right.name)",
            school: scope.schoolID)
        do {
            try storage.set(scope, resource: resource, kind: kind, target: target, level: right.rawValue, audit: audit)
        } catch let outside as ShareTargetOutsideSchool {
            throw AccessRefusal(
                "\(outside.kind) \(outside.id) is not \(outside.kind == "user" ? "a member" : "a group") of this school: shares stay within the school"
            )
        }
    }

    /// Withdraws whatever right `target` had on `resource`.
    package func revoke(resource: String, kind: String, target: String, by actor: String?) throws {
        let audit = AuditEntry(
            action: "share.revoke", actor: actor, target: "\(scope.pluginID):\(resource)", detail: "\(kind) \(target)",
            school: scope.schoolID)
        try storage.revoke(scope, resource: resource, kind: kind, target: target, audit: audit)
    }

    /// The shares of a resource.
    package func list(resource: String) throws -> [Share] {
        try storage.list(scope, resource: resource).map { Share(kind: $0.kind, id: $0.targetID, right: Right(rawValue: $0.level) ?? .read) }
    }

    /// The highest right `viewer` holds on `resource`, directly or through one of their groups
    /// (a parent's through the child in view's classes).
    package func right(of viewer: ShareViewer, on resource: String) throws -> Right? {
        try storage.highestLevel(scope, resource: resource, viewer: viewer).flatMap(Right.init(rawValue:))
    }

    /// The resources of this plugin shared with `viewer` with at least `right`.
    package func resources(sharedWith viewer: ShareViewer, atLeast right: Right) throws -> [String] {
        try storage.resources(scope, reaching: viewer, atLeast: right.rawValue)
    }

    static func checkResource(_ resource: String) throws {
        guard (1...200).contains(resource.utf8.count), !resource.utf8.contains(where: { $0 < 0x20 }) else {
            throw AccessRefusal("a resource id is 1 to 200 bytes without control characters")
        }
    }
}
