// LoginMaker: logins of the form prenom.nom, accents folded, with a numeric suffix on clash.
import Foundation

/// Makes unique logins from names.
package struct LoginMaker {
    private var taken: Set<String>
    /// The next suffix to try per base, so a common name does not rescan every earlier clash.
    private var nextSuffix: [String: Int] = [:]

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
        var suffix = nextSuffix[base] ?? 2
        while taken.contains(candidate) {
            candidate = "\(base)\(suffix)"
            suffix += 1
        }
        nextSuffix[base] = suffix
        taken.insert(candidate)
        return candidate
    }

    /// Lower case, accents removed (é → e, œ → oe), spaces and apostrophes dropped, hyphens kept.
    static func part(_ name: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in fold(name).unicodeScalars where ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" {
            kept.append(scalar)
        }
        return String(String(kept).drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }

    /// Lower-cased, diacritics removed, ligatures spelled out. Latin letters of French and
    /// its neighbours fold through a table (imports fold every name); anything else goes
    /// through Foundation's folding.
    package static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if let folded = latinFolds[scalar] {
                result += folded
            } else {
                result += String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
                    .lowercased()
            }
        }
        return result
    }

    private static let latinFolds: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àâäáãåÀÂÄÁÃÅ", "a"), ("çÇ", "c"), ("éèêëÉÈÊË", "e"), ("îïíìÎÏÍÌ", "i"), ("ñÑ", "n"),
            ("ôöóòõøÔÖÓÒÕØ", "o"), ("ùûüúÙÛÜÚ", "u"), ("ÿýŸÝ", "y"), ("œŒ", "oe"), ("æÆ", "ae"), ("ß", "ss"),
        ]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = plain }
        }
        return table
    }()
}
