// HTMLEscapingTests: the escaper every page goes through turns the five markup characters into entities and leaves every other character as it was.
import CartableText
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
