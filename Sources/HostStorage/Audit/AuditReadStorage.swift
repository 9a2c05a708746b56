// AuditReadStorage: pages of the audit log, newest first, within the schools an admin covers.
/// One line of the audit log as an admin reads it: people named by login when they still have one.
package struct AuditRecord: Sendable, Equatable {
    package let id: Int64
    package let at: String
    package let action: String
    /// Who acted, by name (their id only when the account is gone); nil for the system.
    package let actor: String?
    package let actorLogin: String?
    /// What it concerned: a person, school, group, role, authority or tool by name, else as recorded (a typed login).
    package let target: String?
    package let targetLogin: String?
    package let detail: String?
    package let address: String?

    package init(
        id: Int64, at: String, action: String, actor: String?, actorLogin: String? = nil, target: String?, targetLogin: String? = nil,
        detail: String?, address: String?
    ) {
        self.id = id
        self.at = at
        self.action = action
        self.actor = actor
        self.actorLogin = actorLogin
        self.target = target
        self.targetLogin = targetLogin
        self.detail = detail
        self.address = address
    }
}

package protocol AuditReadStorage: Sendable {
    /// Appends one line on its own (a refusal, which changes nothing else).
    func record(_ entry: AuditEntry) throws

    /// Up to `limit` entries older than the entry id `before`, of `action` when given. With
    /// `schoolIDs`, only entries recorded for those schools or whose actor or target is a
    /// current member of one; nil reads every entry.
    func page(schoolIDs: [String]?, before: Int64?, action: String?, limit: Int) throws -> [AuditRecord]
}
