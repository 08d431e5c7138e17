import FairlabelXML
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
