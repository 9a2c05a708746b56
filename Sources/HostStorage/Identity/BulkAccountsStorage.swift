// BulkAccountsStorage: what the console's actions on several accounts store — new codes for each, pupils moved to another class.
import Foundation

package protocol BulkAccountsStorage: Sendable {
    /// Gives each pending or active account of `codes` (user id → code) its new code, valid until
    /// `expiresAt` (ISO 8601), with `audit(userID)`, in one transaction; returns the accounts
    /// given one, with their classes in `schoolID`, by name.
    func issueCodes(
        _ codes: [String: String], schoolID: String, expiresAt: String, audit: (String) -> AuditEntry
    ) throws
        -> [PendingActivation]
    /// Moves each of `userIDs` out of their classes of `schoolID` into `classID`, with
    /// `audit(userID)`, in one transaction.
    func moveToClass(_ userIDs: [String], schoolID: String, classID: String, audit: (String) -> AuditEntry) throws
    /// The profile of each account of `userIDs` that currently belongs to `schoolID`.
    func profiles(_ userIDs: [String], schoolID: String) throws -> [String: String]
    /// The school's classes, by name.
    func classes(of schoolID: String) throws -> [(id: String, name: String)]
}

extension HostDatabase {
    /// The console's actions on several accounts, in this database.
    package var bulkAccounts: any BulkAccountsStorage { SQLBulkAccountsStorage(database: self) }
}

struct SQLBulkAccountsStorage: BulkAccountsStorage {
    let database: HostDatabase

    func issueCodes(
        _ codes: [String: String], schoolID: String, expiresAt: String, audit: (String) -> AuditEntry
    ) throws
        -> [PendingActivation]
    {
        try database.write { db in
            var issued: [PendingActivation] = []
            for (userID, code) in codes.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "UPDATE users SET activation_code = ?, activation_expires_at = ? WHERE id = ? AND state IN ('pending', 'active')",
                    arguments: [code, expiresAt, userID])
                guard db.changesCount == 1 else { continue }
                try AuditLog.record(db, audit(userID))
                if let row = try SQLRow.fetchOne(
                    db,
                    sql: """
                        SELECT u.login, u.last_name, u.first_name, u.profile, \(SQLActivationCodesStorage.classNames(db.dialect))
                        FROM users u WHERE u.id = ?
                        """, arguments: [schoolID, userID])
                {
                    issued.append(
                        PendingActivation(
                            login: row["login"], lastName: row["last_name"], firstName: row["first_name"], profile: row["profile"],
                            classes: row["classes"], code: code, expiresAt: expiresAt))
                }
            }
            return issued.sorted { ($0.lastName, $0.firstName, $0.login) < ($1.lastName, $1.firstName, $1.login) }
        }
    }

    func moveToClass(_ userIDs: [String], schoolID: String, classID: String, audit: (String) -> AuditEntry) throws {
        try database.write { db in
            for userID in userIDs {
                try db.execute(
                    sql: "DELETE FROM user_classes WHERE user_id = ? AND class_id IN (SELECT id FROM classes WHERE school_id = ?)",
                    arguments: [userID, schoolID])
                try db.execute(sql: "INSERT INTO user_classes (user_id, class_id) VALUES (?, ?)", arguments: [userID, classID])
                try AuditLog.record(db, audit(userID))
            }
        }
    }

    func profiles(_ userIDs: [String], schoolID: String) throws -> [String: String] {
        guard !userIDs.isEmpty else { return [:] }
        return try database.read { db in
            let rows = try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.profile FROM users u JOIN user_schools us ON us.user_id = u.id
                    WHERE us.school_id = ? AND us.detached_at IS NULL AND u.id IN (\(sqlPlaceholders(userIDs.count)))
                    """, arguments: SQLArguments([schoolID] + userIDs))
            return Dictionary(rows.map { ($0["id"] as String, $0["profile"] as String) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func classes(of schoolID: String) throws -> [(id: String, name: String)] {
        try database.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, name FROM classes WHERE school_id = ? ORDER BY name", arguments: [schoolID])
                .map { (id: $0["id"], name: $0["name"]) }
        }
    }
}
