import Testing

@testable import Schematron

@Suite("Escaping text and attribute values for XML output")
struct XMLEscapingTests {
    @Test(
        "Text keeps what XML allows, escapes markup and drops what XML 1.0 forbids",
        arguments: [
            ("plain words", "plain words"),
            ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
            ("tab\tnew\nline\rreturn", "tab\tnew\nline\rreturn"),
            ("quote \" stays", "quote \" stays"),
            ("bell\u{7}gone", "bellgone"),
            ("not a char \u{FFFE}\u{FFFF}!", "not a char !"),
            ("private use \u{F8FF} and replacement \u{FFFD} stay", "private use \u{F8FF} and replacement \u{FFFD} stay"),
            ("Søren, 東京, 🏭", "Søren, 東京, 🏭"),
            ("", ""),
        ])
    func text(input: String, expected: String) {
        #expect(XMLEscaping.text(input) == expected)
    }

    @Test(
        "Attribute values also escape quotes and keep white space as character references",
        arguments: [
            ("plain", "plain"),
            ("say \"hi\" & <go>", "say &quot;hi&quot; &amp; &lt;go&gt;"),
            ("tab\tnew\nline\r", "tab&#9;new&#10;line&#13;"),
            ("nul\u{0}dropped \u{FFFF}", "nuldropped "),
            ("Zürich 🏭", "Zürich 🏭"),
        ])
    func attribute(input: String, expected: String) {
        #expect(XMLEscaping.attribute(input) == expected)
    }
}

@Suite("Normalising white space as XPath's normalize-space() does")
struct WhiteSpaceTests {
    @Test(
        "Runs of spaces, tabs and line breaks become one space; ends are trimmed; normal text is kept",
        arguments: [
            ("already normal", "already normal"),
            ("", ""),
            (" ", ""),
            ("  lead", "lead"),
            ("trail ", "trail"),
            ("two  spaces", "two spaces"),
            ("line\nbreak\tand\r\nreturn", "line break and return"),
            ("\n  Site S1 (Lakeside)\n  has no audit.\n", "Site S1 (Lakeside) has no audit."),
            ("non-breaking\u{A0}space stays", "non-breaking\u{A0}space stays"),
        ])
    func normalises(input: String, expected: String) {
        #expect(input.normalizedXMLSpace == expected)
    }
}
