import Testing

@testable import FairlabelXML

/// `translate(., chars, '') = .`, the idiom for "none of these characters", is compiled to one
/// read of the text; it must give libxml2's result at every kind of node, for lists of ASCII,
/// two-, three- and four-byte characters, literal or not, either way round and with `!=`.
@Suite("The character-absence idiom translate(., chars, '') = .")
struct XPathCharacterAbsenceTests {
    static let document = """
        <r a="plain" b="bidi\u{202E}x" c="caf\u{E9}"><a>plain ascii</a><a>caf\u{E9} cr\u{E8}me</a><a>bidi\u{202E}mark</a>\
        <a>tab\tand~del\u{7F}</a><a></a><a>emoji \u{1F600} here</a><a>\u{202E}</a><a>mixed<b>\u{202A}</b>text</a>\
        <!-- comment \u{202E} --><?pi data \u{E9}?><a><![CDATA[cdata \u{200F}]]></a><a>\u{661}\u{6F1} arabic</a></r>
        """

    static let expressions = [
        // The packs' form: a list of bidirectional controls in a variable.
        "translate(., $bidi, '') = .", ". = translate(., $bidi, '')", "translate(., $bidi, '') != .", ". != translate(., $bidi, '')",
        // Literal lists: ASCII, two-, three- and four-byte characters, and mixtures.
        "translate(., '\u{7F}\t', '') = .", "translate(., '~', '') = .", "translate(., '\u{E9}', '') = .",
        "translate(., '\u{202E}\u{202A}', '') = .", "translate(., '\u{1F600}', '') = .", "translate(., 'a\u{1F600}\u{E8}', '') != .",
        "translate(., '\u{200F}\u{6F1}', '') = .", "translate(., 'zq', '') = .", "translate(., '', '') = .", ". = translate(., 'aa', '')",
        // Not the idiom, compiled the general way: another replacement, another node, another text.
        "translate(., 'a', 'a') = .", "translate(., 'a', 'b') = .", "translate(a, 'p', '') = a", "translate(., 'p', '') = a",
        "translate(string(.), 'p', '') = .",
    ]

    @Test("The idiom and its near relatives give libxml2's result at every node", arguments: expressions)
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        differential.bind("bidi", to: XPathObject(string: "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{200E}\u{200F}\u{61C}"))
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        try differential.expectAgreement(on: expression)
    }

    @Test("Only translate(., list, '') compared with . is taken for the idiom")
    func recognition() throws {
        let idiom = try XPathParser.parse("translate(., $c, '') = .")
        guard case .binary(.equal, let left, let right) = idiom else {
            Issue.record("not parsed as a comparison")
            return
        }
        #expect(XPathCharacterAbsence.characterList(left, right) == .variable(prefix: nil, name: "c"))
        #expect(XPathCharacterAbsence.characterList(right, left) == .variable(prefix: nil, name: "c"))
        for text in ["translate(., $c, 'x') = .", "translate(a, $c, '') = .", "translate(., $c, '') = a", "translate(., $c) = ."] {
            guard case .binary(_, let left, let right) = try XPathParser.parse(text) else {
                Issue.record("\(text) not parsed as a comparison")
                continue
            }
            #expect(XPathCharacterAbsence.characterList(left, right) == nil, "\(text)")
        }
    }

    @Test("A listed character is found in UTF-8 of every length, and a cut sequence is read past")
    func scan() {
        let translation = XPathTranslation(from: "~\u{E9}\u{202E}\u{1F600}", to: "")
        let cases: [([UInt8], Bool)] = [
            (Array("plain".utf8), false), (Array("a~b".utf8), true), (Array("caf\u{E9}".utf8), true),
            (Array("caf\u{E8}".utf8), false), (Array("x\u{202E}".utf8), true), (Array("\u{202D}".utf8), false),
            (Array("\u{1F600}".utf8), true), (Array("\u{1F601}".utf8), false), ([0xE2, 0x80], false), ([0xC3, 0x41, 0x7E], true),
        ]
        for (bytes, expected) in cases {
            let found = (bytes + [0]).withUnsafeBufferPointer { translation.holdsListedCharacter($0.baseAddress!) }
            #expect(found == expected, "\(bytes)")
        }
    }

    @Test("A list in a variable follows each value bound to it, of any type, and an unbound one is an error")
    func variableListRebound() throws {
        let document = try Document(parsing: "<r><a>abc</a><a>xyz</a><a>1.5</a><a>true</a></r>")
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let root = document.documentNode
        let clean = try XPathExpression("count(//a[translate(., $list, '') = .])")
        let values: [(XPathObject, Double)] = [
            (XPathObject(string: "b"), 3), (XPathObject(string: "q"), 4), (XPathObject(string: "yb"), 2),
            (XPathObject(number: 1.5), 3), (XPathObject(boolean: true), 3),
            (try context.evaluate(XPathExpression("//a[2]"), at: root), 3), (XPathObject(string: ""), 4),
        ]
        for (value, expected) in values {
            context.setVariable("list", to: value)
            #expect(try context.evaluate(clean, at: root).number == expected, "\(value.string)")
            #expect(try context.evaluate(clean, at: root).number == expected, "\(value.string), again")
        }
        context.setVariable("list", to: nil)
        #expect(throws: XPathError.self) { try context.evaluate(clean, at: root) }
    }
}
