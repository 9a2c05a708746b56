// ActivationCodeExport: the CSV of pending accounts and their activation codes that a school hands out.
import Foundation
import HostStorage

/// Pending accounts of a school with their unused activation codes, as CSV (`;`, UTF-8 with BOM
/// so spreadsheets read accents): login, last name, first name, profile, classes, code, expiry.
package struct ActivationCodeExport: Sendable {
    let storage: any ActivationCodesStorage

    package init(storage: any ActivationCodesStorage) {
        self.storage = storage
    }

    package init(database: HostDatabase) {
        self.init(storage: database.activationCodes)
    }

    /// The CSV; every export is audited (it hands out codes that open accounts).
    package func csv(schoolUAI: String, actor: String? = nil) throws -> String {
        let found = try storage.pendingActivations(schoolUAI: schoolUAI) { schoolID, uai, count in
            AuditEntry(action: "export.activation-codes", actor: actor, target: uai, detail: "\(count) codes", school: schoolID)
        }
        guard let found else { throw DirectoryError("no school with UAI \(schoolUAI.uppercased())") }
        return Self.csv(found.accounts)
    }

    /// The CSV of `accounts` and their codes.
    package static func csv(_ accounts: [PendingActivation]) -> String {
        var lines = ["\u{FEFF}login;nom;prenom;profil;classes;code_activation;expire_le"]
        for account in accounts {
            let fields: [String?] = [
                account.login, account.lastName, account.firstName, account.profile, account.classes, account.code,
                account.expiresAt.map { String($0.prefix(10)) },
            ]
            lines.append(fields.map { quote($0 ?? "") }.joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        var field = field
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
