// AdminFunctions: names (and removes) the admins of an authority or a school.
import Foundation
import GRDB
import HostStorage

/// A platform admin names authority admins; authority admins name the admins of their
/// schools. The caller checks who may do it; this checks the target account and audits.
package struct AdminFunctions: Sendable {
    package enum Function: String, Sendable {
        case authority, school
    }

    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Gives the account with `login` the admin function over `scopeID` (an authority or a school id).
    package func grant(_ function: Function, scopeID: String, login: String, by actor: String?) throws {
        try database.pool.write { db in
            try Self.checkScope(db, function, scopeID)
            let wanted = login.trimmingCharacters(in: .whitespaces).lowercased()
            guard
                let userID = try String.fetchOne(
                    db, sql: "SELECT id FROM users WHERE login = ? AND state != 'anonymized'", arguments: [wanted])
            else {
                throw AccessRefusal(key: "refusal.no_login", login)
            }
            if function == .school {
                // A school admin works in the school: they must belong to it.
                guard
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM user_schools WHERE user_id = ? AND school_id = ? AND detached_at IS NULL",
                        arguments: [userID, scopeID]) != nil
                else {
                    throw AccessRefusal(key: "refusal.admin_not_member", wanted)
                }
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO admin_functions (user_id, function, scope_id) VALUES (?, ?, ?)",
                arguments: [userID, function.rawValue, scopeID])
            try AuditLog.record(
                db, at: Date(), action: "admin.grant", actor: actor, target: userID, detail: "\(function.rawValue) \(scopeID)",
                school: function == .school ? scopeID : nil)
        }
    }

    /// Removes the function from `userID`.
    package func revoke(_ function: Function, scopeID: String, userID: String, by actor: String?) throws {
        try database.pool.write { db in
            try Self.checkScope(db, function, scopeID)
            try db.execute(
                sql: "DELETE FROM admin_functions WHERE user_id = ? AND function = ? AND scope_id = ?",
                arguments: [userID, function.rawValue, scopeID])
            guard db.changesCount > 0 else { throw AccessRefusal(key: "refusal.not_admin") }
            try AuditLog.record(
                db, at: Date(), action: "admin.revoke", actor: actor, target: userID, detail: "\(function.rawValue) \(scopeID)",
                school: function == .school ? scopeID : nil)
        }
    }

    /// Someone holding an admin function, as the console names them.
    package struct Holder: Sendable, Equatable {
        package let id: String
        package let login: String
        package let name: String
    }

    /// The admins of a scope, by name.
    package static func holders(_ db: GRDB.Database, _ function: Function, scopeID: String) throws -> [Holder] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT u.id, u.login, u.display_name FROM admin_functions f JOIN users u ON u.id = f.user_id
                WHERE f.function = ? AND f.scope_id = ? ORDER BY u.display_name
                """, arguments: [function.rawValue, scopeID]
        ).map { Holder(id: $0["id"], login: $0["login"], name: $0["display_name"]) }
    }

    private static func checkScope(_ db: GRDB.Database, _ function: Function, _ scopeID: String) throws {
        let table = function == .authority ? "authorities" : "schools"
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [scopeID]) != nil else {
            throw AccessRefusal(key: function == .authority ? "refusal.no_authority" : "refusal.no_school", scopeID)
        }
    }
}
