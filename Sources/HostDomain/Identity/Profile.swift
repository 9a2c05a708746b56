// Profile: the five user profiles, with the names CSV files use in French and English.
import Foundation
/// What a user is in a school. Stored by its raw value.
package enum Profile: String, CaseIterable, Sendable, Codable {
    case student = "Student"
    case teacher = "Teacher"
    case relative = "Relative"
    case personnel = "Personnel"
    case guest = "Guest"

    /// Reads a profile as written in an import file: English or French, any case, accents optional.
    package init?(importName: String) {
        let key = LoginMaker.fold(importName).replacingOccurrences(of: " ", with: "")
        switch key {
        case "student", "eleve", "eleves", "students": self = .student
        case "teacher", "enseignant", "enseignants", "teachers", "professeur": self = .teacher
        case "relative", "parent", "parents", "responsable", "relatives": self = .relative
        case "personnel", "staff", "personnels": self = .personnel
        case "guest", "invite", "invites", "guests": self = .guest
        default: return nil
        }
    }
}
