// DemoAccountsStorage: what the demo directory stores beyond an import — active accounts with a known password and admin functions.
import Foundation

/// An active staff account the demo creates outside any school (the region's admin, the platform's operator).
package struct DemoStaffAccount: Sendable, Equatable {
    package let externalID: String
    package let login: String
    package let firstName: String
    package let lastName: String
    /// The admin function (`authority`, `platform`) and its scope (an authority's id, empty for the platform).
    package let function: String
    package let scopeID: String

    package init(externalID: String, login: String, firstName: String, lastName: String, function: String, scopeID: String) {
        self.externalID = externalID
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.function = function
        self.scopeID = scopeID
    }
}

package protocol DemoAccountsStorage: Sendable {
    /// Whether the directory has no authority yet.
    func directoryIsEmpty() throws -> Bool
    /// In one transaction: activates every account whose external id starts with `externalIDPrefix` with the
    /// password of `passwordHash`, makes `schoolAdmin.login` admin of the school of `schoolAdmin.uai`, and
    /// creates the `staff` accounts with their functions and the same password.
    func activate(
        externalIDPrefix: String, passwordHash: String, schoolAdmin: (login: String, uai: String), staff: [DemoStaffAccount], at: Date
    ) throws
}

extension HostDatabase {
    /// The demo's accounts in this database.
    package var demoAccounts: any DemoAccountsStorage { SQLDemoAccountsStorage(database: self) }
}

struct SQLDemoAccountsStorage: DemoAccountsStorage {
    let database: HostDatabase

    func directoryIsEmpty() throws -> Bool {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM authorities") == 0 }
    }

    func activate(
        externalIDPrefix: String, passwordHash: String, schoolAdmin: (login: String, uai: String), staff: [DemoStaffAccount], at: Date
    ) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET password_hash = ?, state = 'active', activation_code = NULL, activation_expires_at = NULL
                    WHERE external_id LIKE ?
                    """, arguments: [passwordHash, externalIDPrefix + "%"])
            try db.execute(
                sql: """
                    INSERT INTO admin_functions (user_id, function, scope_id)
                    SELECT u.id, 'school', s.id FROM users u, schools s WHERE u.login = ? AND s.uai = ?
                    """, arguments: [schoolAdmin.login, schoolAdmin.uai])
            let stamp = at.formatted(.iso8601)
            for account in staff {
                let id = UUID().uuidString.lowercased()
                try db.execute(
                    sql: """
                        INSERT INTO users (id, external_id, login, first_name, last_name, display_name, profile, state, password_hash, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'Personnel', 'active', ?, ?, ?)
                        """,
                    arguments: [
                        id, account.externalID, account.login, account.firstName, account.lastName,
                        "\(account.firstName) \(account.lastName)", passwordHash, stamp, stamp,
                    ])
                try db.execute(
                    sql: "INSERT INTO admin_functions (user_id, function, scope_id) VALUES (?, ?, ?)",
                    arguments: [id, account.function, account.scopeID])
            }
        }
    }
}
