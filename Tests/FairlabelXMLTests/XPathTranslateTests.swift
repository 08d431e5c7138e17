import Testing

@testable import FairlabelXML

/// `translate()` gives libxml2's result whether the compiled evaluator takes its shortcut (an
/// ASCII text none of whose characters is replaced, returned as it is) or translates code point
/// by code point: ASCII and non-ASCII texts, replaced sets with and without ASCII characters,
/// removals and replacements, at every node of a document.
@Suite("translate() in the compiled evaluator, with and without its shortcut")
struct XPathTranslateTests {
    static let document = """
        <r><a>plain ascii</a><a>caf\u{E9} cr\u{E8}me</a><a>bidi\u{202E}mark</a><a>tab\tand~del\u{7F}</a><a></a><a>A-B-C</a></r>
        """

    static let expressions = [
        // Bidi controls only: nothing ASCII to replace (the packs' check).
        "translate(., '\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}', '')", "translate(., '\u{202E}', '') = .",
        // ASCII replaced or removed, with and without non-ASCII in the set.
        "translate(., '-', '')", "translate(., 'abc', 'ABC')", "translate(., 'a\u{E9}', 'A')", "translate(., '~\u{7F}\t', 'xyz')",
        "translate(., ' ', '')", "translate(., 'z', 'Z')", "translate(., '', 'x')", "translate(., '\u{E9}\u{E8}', 'ee')",
        "string-length(translate(., 'aeiou', ''))",
        // ASCII sets translated byte by byte, over ASCII and non-ASCII texts: a character listed
        // twice keeps its first replacement, longer and shorter replacement lists.
        "translate(., 'aa-', 'Ab')", "translate(., 'a', 'XYZ')", "translate(., 'cr ', 'CR_')", "translate(., '-A', '')",
        "translate(., 'e-', '+')",
        // Lists that are not literals, prepared at each call.
        "translate(., substring('abc-', 2), 'BC')", "translate(., concat('a', '\u{E9}'), concat('A', ''))", "translate(., ., '')",
    ]

    @Test("Every translation gives libxml2's result at every node", arguments: expressions)
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        try differential.expectAgreement(on: expression, atNodes: "/ | //node()")
    }

    @Test("The shortcut returns the text only when none of its characters is replaced")
    func shortcut() {
        #expect(XPathTranslation(from: "\u{202E}", to: "")("plain") == "plain")
        #expect(XPathTranslation(from: "p\u{202E}", to: "P")("plain") == "Plain")
        #expect(XPathTranslation(from: "\u{7F}", to: "")("del\u{7F}") == "del")
        #expect(XPathTranslation(from: "\u{202E}", to: "")("caf\u{E9}") == "caf\u{E9}")
        #expect(XPathTranslation(from: "\u{E9}", to: "e")("caf\u{E9}") == "cafe")
        #expect(XPathTranslation(from: "?@", to: "")("?@A") == "A")
    }
}
