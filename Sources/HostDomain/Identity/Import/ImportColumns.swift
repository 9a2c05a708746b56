// ImportColumns: the columns of a user import file and the French and English headers that name them.
import Foundation
/// A known column of an import file. Headers match case- and accent-insensitively.
package enum ImportColumn: String, CaseIterable, Sendable {
    case externalID = "external_id"
    case lastName = "last_name"
    case firstName = "first_name"
    case profile
    case classes
    case level
    case email
    case birthDate = "birth_date"
    case children

    /// Accepted headers, folded (lower case, no accents, `_` for spaces and dashes).
    var headers: [String] {
        switch self {
        case .externalID: ["external_id", "externalid", "id", "identifiant", "id_externe", "identifiant_externe"]
        case .lastName: ["last_name", "lastname", "nom", "nom_de_famille"]
        case .firstName: ["first_name", "firstname", "prenom"]
        case .profile: ["profile", "profil"]
        case .classes: ["class", "classes", "classe"]
        case .level: ["level", "niveau"]
        case .email: ["email", "e_mail", "courriel", "mail"]
        case .birthDate: ["birth_date", "birthdate", "date_naissance", "date_de_naissance", "naissance"]
        case .children: ["children", "enfants", "child_external_ids"]
        }
    }

    /// The header a French file writes (the one error messages name).
    var frenchName: String {
        switch self {
        case .externalID: "identifiant"
        case .lastName: "nom"
        case .firstName: "prénom"
        case .profile: "profil"
        case .classes: "classe"
        case .level: "niveau"
        case .email: "courriel"
        case .birthDate: "date_naissance"
        case .children: "enfants"
        }
    }

    static func fold(_ header: String) -> String {
        LoginMaker.fold(header).replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// Maps header cells to columns; unknown and repeated headers are errors on line 1.
    static func map(header: [String]) -> (columns: [ImportColumn: Int], errors: [ImportError]) {
        var columns: [ImportColumn: Int] = [:]
        var errors: [ImportError] = []
        for (index, cell) in header.enumerated() {
            let key = fold(cell)
            guard let column = allCases.first(where: { $0.headers.contains(key) }) else {
                if !key.isEmpty {
                    errors.append(
                        ImportError(
                            line: 1, key: "import.unknown_column", [cell],
                            "unknown column '\(cell)' (see the columns in docs/admin-guide.md)"))
                }
                continue
            }
            if columns[column] != nil {
                errors.append(ImportError(line: 1, key: "import.duplicate_column", [cell], "column '\(cell)' appears twice"))
            }
            columns[column] = index
        }
        return (columns, errors)
    }
}
