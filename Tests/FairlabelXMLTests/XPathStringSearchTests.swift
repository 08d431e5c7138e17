import Testing

@testable import FairlabelXML

/// `contains()`, `substring-before()` and `substring-after()` find their part in place (a scan
/// for its first byte other than a space, then a comparison of the whole part), and
/// `substring()` and `string-length()` count scalars over the bytes, with libxml2's results:
/// parts at either end, repeated first bytes, parts that start with spaces, multi-byte
/// characters, empty strings, positions rounded, out of range, infinite or NaN.
@Suite("String searches in the compiled evaluator")
struct XPathStringSearchTests {
    static let document = """
        <r><a>aaab</a><a>caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e</a><a>x@example.org</a><a></a><a>abcabc</a><a>b</a><a> AD AE FR  F FR X </a></r>
        """

    static let expressions = [
        "contains(., 'aab')", "contains(., 'ab')", "contains(., '')", "contains(., 'b')", "contains(., 'abcabcd')",
        "contains(., 'cr\u{E8}me')", "contains(., '\u{E9}')", "substring-before(., 'ab')", "substring-after(., 'ab')",
        "substring-after(., 'abc')", "substring-before(., 'c')", "substring-after(., '@')", "substring-before(., '\u{E9}')",
        "substring-after(., '\u{E9}')", "substring-after(., '')", "substring-before(., '')", "substring-after(., 'zzz')",
        "string-length(.)", "substring(., 2)", "substring(., 2, 3)", "substring(., 0)", "substring(., 1.5, 2.6)",
        "substring(., 4, 1)", "substring(., -1, 3)", "substring(., 5, 1 div 0)", "substring(., 0 div 0, 3)",
        "substring(., 3, 100)", "substring(concat(., '\u{1F1EB}\u{1F1F7}'), string-length(.), 2)",
        "string-length(concat(., '\u{1F1EB}\u{1F1F7}e\u{301}'))",
        // Parts that start with spaces, searched from their first other byte.
        "contains(., ' FR ')", "substring-before(., ' FR ')", "substring-after(., '  F')", "contains(., '   ')",
        "substring-after(., ' X ')", "substring-before(., ' ')", "contains(., ' AD')", "substring-after(., ' F ')",
        "contains(concat(' ', ., ' '), ' b ')",
    ]

    @Test("Every search gives libxml2's result at every node", arguments: expressions)
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        let expression = try XPathExpression(text)
        try differential.expectAgreement(on: expression, atNodes: "/ | //node()")
    }

    @Test(
        "The offset is the first occurrence's, in bytes",
        arguments: [
            ("aab", "aaab", 1), ("ab", "abcabc", 0), ("c", "abcabc", 2), ("", "abc", 0), ("", "", 0), ("a", "", nil),
            ("abcd", "abc", nil), ("\u{E9}", "caf\u{E9}", 3), ("bc", "abcabc", 1), ("cab", "abcabc", 2),
        ] as [(String, String, Int?)])
    func offsetOfFirstOccurrence(needle: String, haystack: String, expected: Int?) {
        #expect(XPathFunctionLibrary.firstOffset(of: needle, in: haystack) == expected)
    }

    @Test(
        "string-length counts Unicode scalars, as XPath counts characters, in ASCII and multi-byte text",
        arguments: [
            "", "abc", "caf\u{E9}", "e\u{301}", "\u{1F1EB}\u{1F1F7}", "\u{10FFFF}x\u{800}", String(repeating: "\u{E9}a", count: 300),
        ])
    func scalarCount(text: String) {
        #expect(XPathFunctionLibrary.scalarCount(of: text) == text.unicodeScalars.count)
    }
}
