// LocalizerTests: language negotiation (French by default) and the locale files.
import Foundation
import HostLocales
import Testing

@Suite("Localizer")
struct LocalizerTests {
    @Test(
        arguments: [
            (nil, "fr"), ("en", "en"), ("en-US,en;q=0.9", "en"), ("de-DE,de;q=0.9", "fr"),
            ("de;q=1,en;q=0.8,fr;q=0.5", "en"), ("fr-CA", "fr"), ("en;q=0", "fr"),
        ] as [(String?, String)])
    func negotiatesTheLanguage(header: String?, language: String) {
        #expect(Localizer.negotiate(acceptLanguage: header) == language)
    }

    @Test func bothLocaleFilesHaveExactlyTheSameKeysAndPlaceholders() throws {
        func table(_ language: String) throws -> [String: String] {
            let url = TestPaths.repository.appendingPathComponent("Sources/HostLocales/Locales/\(language).json")
            return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        let french = try table("fr"), english = try table("en")
        #expect(Set(french.keys).subtracting(english.keys).sorted() == [], "keys missing in English")
        #expect(Set(english.keys).subtracting(french.keys).sorted() == [], "keys missing in French")
        for (key, text) in french {
            let count = { (text: String) in text.components(separatedBy: "%@").count }
            #expect(count(text) == count(english[key] ?? ""), "\(key): the same number of placeholders in both")
            #expect(!text.isEmpty && english[key]?.isEmpty == false, "\(key) has text in both")
        }
        // Every plugin's locale files too.
        for folder in ["Plugins/blogs/locales"] {
            let base = TestPaths.repository.appendingPathComponent(folder)
            let fr = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: base.appendingPathComponent("fr.json")))
            let en = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: base.appendingPathComponent("en.json")))
            #expect(Set(fr.keys) == Set(en.keys), "\(folder): \(Set(fr.keys).symmetricDifference(en.keys).sorted())")
        }
    }

    @Test func everyKeyExistsInBothLanguages() {
        let localizer = Localizer()
        for key in ["portal.skip", "portal.home", "error.plugin_not_found", "error.body_too_large"] {
            #expect(localizer.text(key, "fr") != key)
            #expect(localizer.text(key, "en") != key)
            #expect(localizer.text(key, "fr") != localizer.text(key, "en"))
        }
        #expect(localizer.text("error.body_too_large", "en", "10") == "The request body exceeds the limit of 10 bytes.")
    }
}

@Suite("Numbers per language")
struct NumberFormatTests {
    @Test func numbersAreGroupedTheWayEachLanguageGroupsThem() {
        #expect(Localizer.shared.number(12345, "fr") == "12\u{202F}345")
        #expect(Localizer.shared.number(12345, "en") == "12,345")
    }
}
