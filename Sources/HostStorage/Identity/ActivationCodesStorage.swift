// ActivationCodesStorage: what the activation-code export reads — a school's pending accounts and their codes.
import Foundation

/// A pending account of the school with its code.
package struct PendingActivation: Sendable, Equatable {
    package let login: String
    package let lastName: String
    package let firstName: String
    package let profile: String
    /// The account's classes in the school, by name, `|`-separated.
    package let classes: String?
    package let code: String
    package let expiresAt: String?

    package init(
        login: String, lastName: String, firstName: String, profile: String, classes: String?, code: String, expiresAt: String?
    ) {
        self.login = login
        self.lastName = lastName
        self.firstName = firstName
        self.profile = profile
        self.classes = classes
        self.code = code
        self.expiresAt = expiresAt
    }
}

package protocol ActivationCodesStorage: Sendable {
    /// The school of `uai` (any case) and its pending accounts with a code, by profile then name, read and audited
    /// (`audit(schoolID, uai, count)`) in one transaction; nil for no such school.
    func pendingActivations(
        schoolUAI: String, audit: (_ schoolID: String, _ uai: String, _ count: Int) -> AuditEntry
    ) throws
        -> (schoolID: String, uai: String, accounts: [PendingActivation])?
}

extension HostDatabase {
    /// Pending accounts' activation codes in this database.
    package var activationCodes: any ActivationCodesStorage { SQLActivationCodesStorage(database: self) }
}

struct SQLActivationCodesStorage: ActivationCodesStorage {
    let database: HostDatabase

    /// The account `u`'s classes in the school of the statement's argument, by name, `|`-separated.
    static func classNames(_ dialect: SQLDialect) -> String {
        """
        (SELECT \(dialect.groupConcat("c.name", separator: "'|'")) FROM user_classes uc JOIN classes c ON c.id = uc.class_id
         WHERE uc.user_id = u.id AND c.school_id = ?) AS classes
        """
    }

    func pendingActivations(
        schoolUAI: String, audit: (_ schoolID: String, _ uai: String, _ count: Int) -> AuditEntry
    ) throws
        -> (schoolID: String, uai: String, accounts: [PendingActivation])?
    {
        try database.write { db in
            guard
                let school = try SQLRow.fetchOne(db, sql: "SELECT id, uai FROM schools WHERE uai = ?", arguments: [schoolUAI.uppercased()])
            else { return nil }
            let schoolID: String = school["id"], uai: String = school["uai"]
            let accounts = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT u.login, u.last_name, u.first_name, u.profile, u.activation_code, u.activation_expires_at, \(Self.classNames(db.dialect))
                    FROM users u JOIN user_schools us ON us.user_id = u.id
                    WHERE us.school_id = ? AND us.detached_at IS NULL AND u.state = 'pending' AND u.activation_code IS NOT NULL
                    ORDER BY u.profile, u.last_name, u.first_name, u.login
                    """, arguments: [schoolID, schoolID]
            ).map {
                PendingActivation(
                    login: $0["login"], lastName: $0["last_name"], firstName: $0["first_name"], profile: $0["profile"],
                    classes: $0["classes"],
                    code: $0["activation_code"], expiresAt: $0["activation_expires_at"])
            }
            try AuditLog.record(db, audit(schoolID, uai, accounts.count))
            return (schoolID, uai, accounts)
        }
    }
}
