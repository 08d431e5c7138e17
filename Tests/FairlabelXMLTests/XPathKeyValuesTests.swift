import Testing

@testable import FairlabelXML

/// A key whose `use` gives a node several values, or one value several times, files the node
/// under each value once; the compiled evaluator's index (values read without libxml2 objects)
/// and libxml2's must agree.
@Suite("Keys whose use gives several values")
struct XPathKeyValuesTests {
    static let document = """
        <r><a n="1"><t>x</t><t>y</t><t>x</t></a><a n="2"><t>y</t></a><b k="x"/><a n="3"/><a n="4"><t>x<i>z</i></t></a></r>
        """

    @Test(
        "Every lookup gives libxml2's nodes, each node once",
        arguments: [
            ("t", ["x": 1, "y": 2, "xz": 1, "z": 0]), ("t | ../b/@k", ["x": 4, "y": 2]), ("concat(t, '-')", ["x-": 1, "y-": 1, "-": 1]),
            ("string(t[2])", ["y": 1, "": 3]), ("t/text()", ["x": 2, "z": 0]), ("count(t)", ["3": 1, "1": 2, "0": 1]),
        ])
    func lookups(use: String, counts: [String: Int]) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        differential.define([XPathKey(name: "k", match: try XPathExpression("//a"), use: try XPathExpression(use))])
        for (value, count) in counts {
            let lookup = try XPathExpression("key('k', '\(value)')")
            #expect(differential.disagreement(lookup, at: document.documentNode) == nil, "\(use): \(value)")
            let found = try differential.compiled.evaluateNodes(lookup, at: document.documentNode)
            #expect(found.count == count, "\(use): \(value)")
        }
    }
}
