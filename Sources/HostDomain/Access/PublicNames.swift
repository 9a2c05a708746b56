// PublicNames: which school holds each public name a plugin claimed, for its pages under /pub/.
import CartableText
import Foundation
import HostStorage

/// Backs `cartable.public/1`: a plugin's public names are unique across the platform,
/// and each belongs to one school until released.
package struct PublicNames: Sendable {
    package enum Claim: Equatable, Sendable {
        case claimed
        case takenByAnotherSchool
    }

    let storage: any PublicNamesStorage

    package init(storage: any PublicNamesStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.publicNames)
    }

    package func claim(_ name: String, plugin: String, school: String, by actor: String?) throws -> Claim {
        guard isValidPublicName(name) else {
            throw AccessRefusal(
                "'\(name)' is not a public name: use 1 to 100 characters among a-z, 0-9 and '-', not starting or ending with '-'")
        }
        let audit = AuditEntry(action: "public.claim", actor: actor, target: "\(plugin):\(name)", school: school)
        return try storage.claim(plugin: plugin, name: name, school: school, audit: audit) == school ? .claimed : .takenByAnotherSchool
    }

    package func release(_ name: String, plugin: String, school: String, by actor: String?) throws {
        let audit = AuditEntry(action: "public.release", actor: actor, target: "\(plugin):\(name)", school: school)
        try storage.release(plugin: plugin, name: name, school: school, audit: audit)
    }

    /// The school holding `name` for `plugin`, or nil.
    package func school(holding name: String, plugin: String) throws -> String? {
        try storage.holder(plugin: plugin, name: name)
    }
}
