// AdminFunctions: names (and removes) the admins of an authority or a school.
import Foundation
import HostStorage

/// A platform admin names authority admins; authority admins name the admins of their
/// schools. The caller checks who may do it; this checks the target account and audits.
package struct AdminFunctions: Sendable {
    package enum Function: String, Sendable {
        case authority, school
    }

    let storage: any AdminFunctionsStorage

    package init(storage: any AdminFunctionsStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.adminFunctions)
    }

    /// Who holds `function` over `scopeID`, by name.
    package func holders(_ function: Function, scopeID: String) throws -> [AdminHolder] {
        try storage.holders(function: function.rawValue, scopeID: scopeID)
    }

    /// Gives the account with `login` the admin function over `scopeID` (an authority or a school id).
    package func grant(_ function: Function, scopeID: String, login: String, by actor: String?) throws {
        let wanted = login.trimmingCharacters(in: .whitespaces).lowercased()
        try storage.grant(
            function: function.rawValue, scopeID: scopeID, login: wanted,
            check: { found in
                guard found.scopeExists else { throw Self.noScope(function, scopeID) }
                guard found.userID != nil else { throw AccessRefusal(key: "refusal.no_login", login) }
                // A school admin works in the school: they must belong to it.
                if function == .school, !found.isMemberOfScope { throw AccessRefusal(key: "refusal.admin_not_member", wanted) }
            },
            audit: { userID in
                AuditEntry(
                    action: "admin.grant", actor: actor, target: userID, detail: "\(function.rawValue) \(scopeID)",
                    school: function == .school ? scopeID : nil)
            })
    }

    /// Removes the function from `userID`.
    package func revoke(_ function: Function, scopeID: String, userID: String, by actor: String?) throws {
        let audit = AuditEntry(
            action: "admin.revoke", actor: actor, target: userID, detail: "\(function.rawValue) \(scopeID)",
            school: function == .school ? scopeID : nil)
        switch try storage.revoke(function: function.rawValue, scopeID: scopeID, userID: userID, audit: audit) {
        case nil: throw Self.noScope(function, scopeID)
        case false?: throw AccessRefusal(key: "refusal.not_admin")
        case true?: break
        }
    }

    /// Someone holding an admin function, as the console names them.
    package typealias Holder = AdminHolder

    private static func noScope(_ function: Function, _ scopeID: String) -> AccessRefusal {
        AccessRefusal(key: function == .authority ? "refusal.no_authority" : "refusal.no_school", scopeID)
    }
}
