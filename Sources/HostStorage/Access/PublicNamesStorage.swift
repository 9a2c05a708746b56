// PublicNamesStorage: what the public-names concern stores — which school holds each name a plugin claimed.
/// A plugin's public names are unique across the platform; each belongs to one school until released.
package protocol PublicNamesStorage: Sendable {
    /// Gives `name` to `school` unless a school already holds it, recording `audit` when it
    /// does; returns the school holding it afterwards.
    func claim(plugin: String, name: String, school: String, audit: AuditEntry) throws -> String

    /// Frees `name` if `school` holds it, recording `audit` when it did.
    func release(plugin: String, name: String, school: String, audit: AuditEntry) throws

    /// The school holding `name` for `plugin`, or nil.
    func holder(plugin: String, name: String) throws -> String?
}
