import FairlabelXML
import Foundation
import Testing

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
            ("M\u{FC}ller  und\tS\u{F8}n ", "M\u{FC}ller und S\u{F8}n"),
            // A space and a combining mark after it are one Character, kept; a line break is a
            // Character of its own, and a separator.
            ("b \u{301}c", "b \u{301}c"), ("a\n\u{301}b", "a \u{301}b"), ("x  \u{301}y ", "x  \u{301}y"),
        ])
    func normalises(input: String, expected: String) {
        #expect(input.normalizedXMLSpace == expected)
    }

    @Test(
        "The first characters of the normalised string, normalising no more than they need, are those of the whole",
        arguments: [
            "already normal", "", " ", "  lead", "trail ", "two  spaces", "line\nbreak\tand\r\nreturn\r\n",
            String(repeating: " word\n\t", count: 300), String(repeating: "x", count: 500),
            // A combining mark after a line break starts a word; after the joining space it joins it.
            "a\n\u{301}b \u{301}c", String(repeating: "e\u{301}\u{302} ", count: 120), String(repeating: "🇫🇷\n🇩🇪 ", count: 90),
            String(repeating: "a\n\u{301}", count: 150), "\r\n\r\n" + String(repeating: "ab  ", count: 80),
            // ASCII up to a limit, then a mark that joins the last character kept, or a space and a mark.
            String(repeating: "x", count: 200) + "\u{301}yz", String(repeating: "x", count: 199) + " \u{301}y",
            String(repeating: "ab ", count: 100) + "é", "plain ASCII words\twith\ttabs",
        ])
    func normalisedPrefix(input: String) {
        for limit in [0, 1, 2, 5, 199, 200, 201, 1000] {
            let expected = String(input.normalizedXMLSpace.prefix(limit))
            #expect(input.normalizedXMLSpace(prefix: limit) == expected, "limit \(limit)")
            let fromBytes = Array(input.utf8).withUnsafeBufferPointer { String.normalizedXMLSpace(utf8: $0, prefix: limit) }
            #expect(fromBytes == expected, "from bytes, limit \(limit)")
        }
    }

    @Test(
        "A node's normalised string value is its string value normalised, read in place or gathered from its descendants",
        arguments: [
            ("<a>plain</a>", "plain"), ("<a>  two\n\tlines  </a>", "two lines"), ("<a/>", ""),
            ("<a> left <b>inner\n</b>  right </a>", "left inner right"), ("<a>M\u{FC}ller\n \u{301}x</a>", "M\u{FC}ller  \u{301}x"),
            ("<a>non-breaking\u{A0} space</a>", "non-breaking\u{A0} space"), ("<a><![CDATA[ in  cdata ]]></a>", "in cdata"),
        ])
    func nodeValue(xml: String, expected: String) throws {
        let document = try Document(parsing: Data(xml.utf8), sourceName: "value.xml")
        let root = try #require(document.rootElement)
        #expect(root.normalizedStringValue == expected)
        #expect(root.normalizedStringValue == root.stringValue.normalizedXMLSpace)
    }
}
