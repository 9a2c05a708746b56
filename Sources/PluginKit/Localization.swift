// Localization: a plugin's strings, read from `locales/<language>.json` in its bundle.
import CartableText
import Foundation

/// The plugin's locale tables (`locales/fr.json`, `locales/en.json`), read once at init.
struct Localization: Sendable {
    private let tables: [String: [String: String]]

    init(folder: URL) {
        var tables: [String: [String: String]] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        for file in files where file.pathExtension == "json" {
            if let data = try? Data(contentsOf: file), let table = try? JSONDecoder().decode([String: String].self, from: data) {
                tables[file.deletingPathExtension().lastPathComponent] = table
            }
        }
        self.tables = tables
    }

    /// The string for `key` in `language` (French when missing), `%@` filled in order.
    func text(_ key: String, _ language: String, _ arguments: [String]) -> String {
        fillPlaceholders(tables[language]?[key] ?? tables["fr"]?[key] ?? key, arguments)
    }
}
