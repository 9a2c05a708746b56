// AdminFunctionsStorage: what naming admins stores — who holds the admin function of an authority or a school.
import Foundation

/// Someone holding an admin function.
package struct AdminHolder: Sendable, Equatable {
    package let id: String
    package let login: String
    package let name: String

    package init(id: String, login: String, name: String) {
        self.id = id
        self.login = login
        self.name = name
    }
}

/// What granting a function finds, for the domain to check.
package struct AdminGrantFacts: Sendable, Equatable {
    package let scopeExists: Bool
    /// The account of the login, unless anonymized.
    package let userID: String?
    /// Whether that account currently belongs to the school (for a school function).
    package let isMemberOfScope: Bool
}

package protocol AdminFunctionsStorage: Sendable {
    /// In one transaction: finds the scope (`authority` or `school`) and the login, lets
    /// `check` refuse, then grants the function (once) with `audit(userID)`.
    func grant(
        function: String, scopeID: String, login: String, check: (AdminGrantFacts) throws -> Void, audit: (String) -> AuditEntry
    ) throws
    /// Withdraws it; nil when the scope does not exist, false when the user did not hold it.
    func revoke(function: String, scopeID: String, userID: String, audit: AuditEntry) throws -> Bool?
    func holders(function: String, scopeID: String) throws -> [AdminHolder]
}

extension HostDatabase {
    /// Admin functions in this database.
    package var adminFunctions: any AdminFunctionsStorage { SQLAdminFunctionsStorage(database: self) }
}

struct SQLAdminFunctionsStorage: AdminFunctionsStorage {
    let database: HostDatabase

    private static func scopeExists(_ db: any SQLSession, _ function: String, _ scopeID: String) throws -> Bool {
        let table = function == "authority" ? "authorities" : "schools"
        return try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [scopeID]) != nil
    }

    func grant(
        function: String, scopeID: String, login: String, check: (AdminGrantFacts) throws -> Void, audit: (String) -> AuditEntry
    ) throws {
        try database.write { db in
            let exists = try Self.scopeExists(db, function, scopeID)
            let userID = try String.fetchOne(db, sql: "SELECT id FROM users WHERE login = ? AND state != 'anonymized'", arguments: [login])
            let member =
                try userID.map {
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM user_schools WHERE user_id = ? AND school_id = ? AND detached_at IS NULL",
                        arguments: [$0, scopeID]) != nil
                } ?? false
            try check(AdminGrantFacts(scopeExists: exists, userID: userID, isMemberOfScope: member))
            guard let userID else { return }
            try db.execute(
                sql: "INSERT INTO admin_functions (user_id, function, scope_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [userID, function, scopeID])
            try AuditLog.record(db, audit(userID))
        }
    }

    func revoke(function: String, scopeID: String, userID: String, audit: AuditEntry) throws -> Bool? {
        try database.write { db in
            guard try Self.scopeExists(db, function, scopeID) else { return nil }
            try db.execute(
                sql: "DELETE FROM admin_functions WHERE user_id = ? AND function = ? AND scope_id = ?",
                arguments: [userID, function, scopeID])
            guard db.changesCount > 0 else { return false }
            try AuditLog.record(db, audit)
            return true
        }
    }

    func holders(function: String, scopeID: String) throws -> [AdminHolder] {
        try database.read { db in try AdminFunctionsSQL.holders(db, function: function, scopeID: scopeID) }
    }
}

/// The holders within a read that lists more (the console's authorities and schools).
package enum AdminFunctionsSQL {
    package static func holders(_ db: any SQLSession, function: String, scopeID: String) throws -> [AdminHolder] {
        try SQLRow.fetchAll(
            db,
            sql: """
                SELECT u.id, u.login, u.display_name FROM admin_functions f JOIN users u ON u.id = f.user_id
                WHERE f.function = ? AND f.scope_id = ? ORDER BY u.display_name
                """, arguments: [function, scopeID]
        ).map { AdminHolder(id: $0["id"], login: $0["login"], name: $0["display_name"]) }
    }
}
