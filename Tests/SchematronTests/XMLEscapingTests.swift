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

    @Test(
        "Escaping into bytes gives what escaping into a string gives, in text and in attributes",
        arguments: [
            "plain words", "a < b & c > d", "tab\tnew\nline\rreturn", "quote \" stays", "bell\u{7}gone",
            "not a char \u{FFFE}\u{FFFF}!", "\u{FFFF}", "ends with \u{FFFE}", "\u{F000}\u{FFFD}\u{EFFF} stay, as does ï",
            "private use \u{F8FF} and replacement \u{FFFD} stay", "Søren, 東京, 🏭", "", "say \"hi\" & <go>",
            "nul\u{0}dropped \u{FFFF}", "\u{1F}\u{7F}\u{80}", String(repeating: "long & plain ", count: 500),
        ])
    func bytesEqualStrings(input: String) {
        var text: [UInt8] = [0x21]
        XMLEscaping.append(input, to: &text, inAttribute: false)
        #expect(String(decoding: text, as: UTF8.self) == "!" + XMLEscaping.text(input))
        var attribute: [UInt8] = []
        XMLEscaping.append(input, to: &attribute, inAttribute: true)
        #expect(String(decoding: attribute, as: UTF8.self) == XMLEscaping.attribute(input))
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
}

@Suite("Messages assembled from their parts")
struct MessageTextTests {
    @Test(
        "A message made of parts is the parts joined, then normalised as normalize-space() does",
        arguments: [
            [], [""], ["Record ", "r1", ": amount is ", "-40", "."], ["  lead", " ", "trail  "], ["line\n", "\tbreak\r\n", "return"],
            ["Site S1 (Lakeside)\n  has ", "no", " audit.\n"], ["non-breaking\u{A0}space", " stays"], ["Müller", " and ", "Søn"],
            // White space next to non-ASCII: a combining mark after a space joins it into one Character.
            ["a\n", "\u{301}b ", "\u{301}c"], ["e\u{301} ", "x"], ["🇫🇷\n", "🇩🇪 "], ["x ", "\u{600}", " y"],
            [String(repeating: " word\n\t", count: 300)], ["\r\n\r\n", String(repeating: "ab  ", count: 80)],
        ])
    func joinedThenNormalised(parts: [String]) {
        var message = MessageText()
        message.append("left over from the last message ")
        message.removeAll()
        for part in parts { message.append(part) }
        #expect(message.normalized() == parts.joined().normalizedXMLSpace)
    }
}
