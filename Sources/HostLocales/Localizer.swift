// Localizer: the portal's strings in French (default) and English, read from the locale files.
import CartableText
import Foundation

/// The host's user-visible strings, one JSON file per language under `Shell/Locales`.
package struct Localizer: Sendable {
    package static let supported = ["fr", "en"]
    package static let fallback = "fr"
    /// The host's strings, read once.
    package static let shared = Localizer()

    private let tables: [String: [String: String]]

    package init() {
        var tables: [String: [String: String]] = [:]
        for language in Self.supported {
            if let url = Bundle.module.url(forResource: language, withExtension: "json", subdirectory: "Locales")
                ?? Bundle.module.url(forResource: language, withExtension: "json"),
                let data = try? Data(contentsOf: url),
                let table = try? JSONDecoder().decode([String: String].self, from: data)
            {
                tables[language] = table
            }
        }
        self.tables = tables
    }

    /// The string for `key` in `language`, with `%@` placeholders filled in order.
    package func text(_ key: String, _ language: String, _ arguments: String...) -> String {
        text(key, language, arguments: arguments)
    }

    /// The string for `key` in `language`, with `%@` placeholders filled from `arguments` in order.
    package func text(_ key: String, _ language: String, arguments: [String]) -> String {
        fillPlaceholders(optionalText(key, language) ?? key, arguments)
    }

    /// The form of the counted string `key` that `count` takes (``pluralKey(_:count:language:)``),
    /// the number written as `language` writes it in the first `%@`, then `arguments`.
    package func plural(_ key: String, count: Int, _ language: String, _ arguments: String...) -> String {
        text(pluralKey(key, count: count, language: language), language, arguments: [number(count, language)] + arguments)
    }

    /// The string for `key` in `language`, nil when neither it nor French has one.
    package func optionalText(_ key: String, _ language: String) -> String? {
        tables[language]?[key] ?? tables[Self.fallback]?[key]
    }

    /// The keys that start with `prefix` (French's, which has every key), sorted.
    package func keys(withPrefix prefix: String) -> [String] {
        (tables[Self.fallback] ?? [:]).keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// `n` written the way `language` writes numbers (`12 345` in French, `12,345` in English).
    package func number(_ n: Int, _ language: String) -> String {
        readerNumber(n, language: language)
    }

    /// The best supported language for an `Accept-Language` header; French by default.
    package static func negotiate(acceptLanguage: String?) -> String {
        guard let acceptLanguage else { return fallback }
        var best: (language: String, quality: Double)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard supported.contains(primary), quality > 0 else { continue }
            if best == nil || quality > best!.quality { best = (primary, quality) }
        }
        return best?.language ?? fallback
    }
}
