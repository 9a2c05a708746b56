// LocalizerTests: language negotiation (French by default) and the locale files.
import Host
import Testing

@Suite("Localizer")
struct LocalizerTests {
    @Test(arguments: [
        (nil, "fr"), ("en", "en"), ("en-US,en;q=0.9", "en"), ("de-DE,de;q=0.9", "fr"),
        ("de;q=1,en;q=0.8,fr;q=0.5", "en"), ("fr-CA", "fr"), ("en;q=0", "fr"),
    ] as [(String?, String)])
    func negotiatesTheLanguage(header: String?, language: String) {
        #expect(Localizer.negotiate(acceptLanguage: header) == language)
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
