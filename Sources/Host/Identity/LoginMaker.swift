// LoginMaker: logins of the form prenom.nom, accents folded, with a numeric suffix on clash.
import Foundation

/// Makes unique logins from names.
package struct LoginMaker {
    private var taken: Set<String>

    /// `taken` holds every login already in use.
    package init(taken: Set<String>) {
        self.taken = taken
    }

    /// `prenom.nom`, then `prenom.nom2`, `prenom.nom3`… the first one free; reserves it.
    package mutating func make(firstName: String, lastName: String) -> String {
        let first = Self.part(firstName), last = Self.part(lastName)
        var base = [first, last].filter { !$0.isEmpty }.joined(separator: ".")
        if base.isEmpty { base = "utilisateur" }
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(base)\(suffix)"
            suffix += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// Lower case, accents removed (é → e, œ → oe), spaces and apostrophes dropped, hyphens kept.
    static func part(_ name: String) -> String {
        let folded = fold(name)
        return String(folded.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            .map(Character.init))
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// Lower-cased, diacritics removed, ligatures spelled out.
    package static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
    }
}
