// HTMLEscapingTests: the escaper every page goes through, the locale placeholders and the dates pages show — what each gives, from memory or not.
import CartableText
import CartableWire
import Testing

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test func escapesTheFiveCharactersAndNothingElse() {
        #expect(
            escapeHTML(#"<script>alert("l'été & co")</script>"#) == "&lt;script&gt;alert(&quot;l&#39;été &amp; co&quot;)&lt;/script&gt;")
        let plain = "Élève · 4e A — 🎒 cahier de textes"
        #expect(escapeHTML(plain) == plain)
        #expect(escapeHTML("") == "")
        #expect(escapeHTML("🎒<🎒") == "🎒&lt;🎒", "a character of several bytes next to an escaped one stays whole")
        let interpolated: HTML = "<p title=\"\("\"x\" onmouseover='y'")\">\("<b>")</p>"
        #expect(interpolated.markup == "<p title=\"&quot;x&quot; onmouseover=&#39;y&#39;\">&lt;b&gt;</p>")
    }

    @Test func fillsPlaceholdersInOrderAndLeavesOtherTextAlone() {
        #expect(fillPlaceholders("%@ a écrit « %@ »", ["Léa", "Notre sortie"]) == "Léa a écrit « Notre sortie »")
        #expect(fillPlaceholders("Sans argument", ["inutile"]) == "Sans argument")
        #expect(fillPlaceholders("100 % et %@", []) == "100 % et ")
    }
}

@Suite("Dates as readers read them")
struct ReaderDayTests {
    /// A stored date is formatted once and remembered: in each language, and in the schools' time zone.
    @Test func aStoredDateReadsTheSameFromMemoryInEachLanguage() throws {
        let iso = "2026-12-01T23:30:00Z"  // already 2 December in Paris
        let date = try #require(ReaderDates.parse(iso))
        for _ in 1...2 {
            #expect(ReaderDates.french.day(iso: iso) == "2 décembre 2026")
            #expect(ReaderDates.english.day(iso: iso) == "2 December 2026")
            #expect(ReaderDates.french.day(iso: iso) == ReaderDates.french.day(date))
        }
        #expect(ReaderDates.french.day(iso: "pas une date") == nil)
    }

    /// A calendar day stored without a time (a period's first day) is that day in the schools'
    /// time zone, not the evening before.
    @Test func aBareDayReadsAsThatDay() {
        #expect(ReaderDates.french.day(iso: "2026-09-01") == "1 septembre 2026")
        #expect(ReaderDates.english.day(iso: "2027-02-28") == "28 February 2027")
        #expect(ReaderDates.french.day(iso: "2027-02-30") == nil)
    }
}
