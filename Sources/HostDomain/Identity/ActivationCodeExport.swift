// ActivationCodeExport: the CSV of pending accounts and their activation codes that a school hands out.
import Foundation
import GRDB
import HostStorage

/// Pending accounts of a school with their unused activation codes, as CSV (`;`, UTF-8 with BOM
/// so spreadsheets read accents): login, last name, first name, profile, classes, code, expiry.
package struct ActivationCodeExport: Sendable {
    package let database: SQLiteDatabase

    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// The CSV; every export is audited (it hands out codes that open accounts).
    package func csv(schoolUAI: String, actor: String? = nil) throws -> String {
        try database.pool.write { db in
            guard let school = try Directory.school(db, uai: schoolUAI) else {
                throw DirectoryError("no school with UAI \(schoolUAI.uppercased())")
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT u.login, u.last_name, u.first_name, u.profile, u.activation_code, u.activation_expires_at,
                           (SELECT group_concat(c.name, '|') FROM user_classes uc JOIN classes c ON c.id = uc.class_id
                            WHERE uc.user_id = u.id AND c.school_id = ?) AS classes
                    FROM users u JOIN user_schools us ON us.user_id = u.id
                    WHERE us.school_id = ? AND us.detached_at IS NULL AND u.state = 'pending' AND u.activation_code IS NOT NULL
                    ORDER BY u.profile, u.last_name, u.first_name, u.login
                    """, arguments: [school.id, school.id])
            var lines = ["\u{FEFF}login;nom;prenom;profil;classes;code_activation;expire_le"]
            for row in rows {
                let fields: [String?] = [
                    row["login"], row["last_name"], row["first_name"], row["profile"], row["classes"], row["activation_code"],
                    (row["activation_expires_at"] as String?).map { String($0.prefix(10)) },
                ]
                lines.append(fields.map { Self.quote($0 ?? "") }.joined(separator: ";"))
            }
            try AuditLog.record(
                db, at: Date(), action: "export.activation-codes", actor: actor, target: school.uai, detail: "\(rows.count) codes",
                school: school.id)
            return lines.joined(separator: "\r\n") + "\r\n"
        }
    }

    /// Quotes a field when it holds a separator, a quote or a line break; a field a spreadsheet
    /// would read as a formula (`= + - @`, tab, carriage return first) gets a leading `'`.
    static func quote(_ field: String) -> String {
        var field = field
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
