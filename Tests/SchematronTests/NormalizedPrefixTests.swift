import FairlabelXML
import Testing

@testable import Schematron

/// `Node.normalizedStringValue(prefix:)` reads only the start of a large element's text; it must
/// give what normalising the whole string value and cutting it gives, wherever the text nodes
/// split the characters and the white space.
@Suite("The normalised start of a node's string value")
struct NormalizedPrefixTests {
    @Test(
        "The start read from the first text nodes is the whole value normalised and cut, for every split and length",
        arguments: [
            "already normal", "", "  lead", "line\nbreak\tand\r\nreturn\r\n", String(repeating: " word\n\t", count: 300),
            String(repeating: "x", count: 500), "a\n\u{301}b \u{301}c", String(repeating: "e\u{301}\u{302} ", count: 120),
            String(repeating: "🇫🇷\n🇩🇪 ", count: 90), String(repeating: "a\n\u{301}", count: 150),
            String(repeating: "x", count: 200) + "\u{301}yz", String(repeating: "x", count: 199) + " \u{301}y",
            String(repeating: "ab ", count: 100) + "é", String(repeating: "e" + String(repeating: "\u{301}", count: 40), count: 30),
        ])
    func normalisedStart(input: String) throws {
        let scalars = Array(input.unicodeScalars)
        for pieceLength in [1, 2, 7, 1_000] {
            // The text in pieces, every other one inside an element of its own.
            var xml = "<r>"
            for (index, start) in stride(from: 0, to: scalars.count, by: pieceLength).enumerated() {
                let piece = scalars[start..<min(start + pieceLength, scalars.count)].map(Self.escaped).joined()
                xml += index % 2 == 0 ? piece : "<p>\(piece)</p>"
            }
            xml += "</r>"
            let document = try Document(parsing: xml)
            let root = try #require(document.documentNode.childElements.first)
            #expect(root.stringValue == input)
            for limit in [0, 1, 2, 5, 60, 199, 200, 201, 1_000] {
                let expected = String(root.stringValue.normalizedXMLSpace.prefix(limit))
                #expect(root.normalizedStringValue(prefix: limit) == expected, "pieces of \(pieceLength), limit \(limit)")
                #expect(document.documentNode.normalizedStringValue(prefix: limit) == expected, "document node, limit \(limit)")
            }
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case "\r": "&#13;"
        default: String(scalar)
        }
    }
}
