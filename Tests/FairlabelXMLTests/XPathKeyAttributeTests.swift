import Testing

@testable import FairlabelXML

/// A key whose `use` is one attribute in no namespace (`@id`) reads it straight from each
/// element; it files the same nodes under the same values as the same key written so that it
/// is evaluated (`@id[true()]`): attributes in a namespace, elements without the attribute,
/// text and comments matched, values with references, and two declarations of one name.
@Suite("Keys on one attribute read it directly")
struct XPathKeyAttributeTests {
    static let document = """
        <r xmlns:p="urn:p">
          <a id="1"/><a p:id="1"/><a id="2" other="1"/><b id=" 1"/><b id="&#x31;"/><c>text</c><!-- c --><d id="2"><a/></d>
          <a id="caf\u{E9}"/><b id=""/>
        </r>
        """

    @Test(
        "The direct read and the evaluated attribute step index the same nodes under the same values",
        arguments: [
            ["//a"], ["//node()"], ["//*", "//a"], ["//b | //d"],
        ])
    func directReadAgreesWithEvaluation(matches: [String]) throws {
        let document = try Document(parsing: Self.document)
        let direct = XPathContext(document: document)
        let evaluated = XPathContext(document: document)
        let directKeys = try matches.map { XPathKey(name: "k", match: try XPathExpression($0), use: try XPathExpression(" @id ")) }
        let evaluatedKeys = try matches.map {
            XPathKey(name: "k", match: try XPathExpression($0), use: try XPathExpression("@id[true()]"))
        }
        #expect(directKeys.allSatisfy { $0.useAttribute == "id" })
        #expect(evaluatedKeys.allSatisfy { $0.useAttribute == nil })
        direct.define(directKeys)
        evaluated.define(evaluatedKeys)
        for value in ["1", " 1", "2", "caf\u{E9}", "", "3"] {
            let lookup = try XPathExpression("key('k', '\(value)')")
            let root = document.documentNode
            #expect(try direct.evaluateNodes(lookup, at: root) == evaluated.evaluateNodes(lookup, at: root), "value \"\(value)\"")
        }
        #expect(try !direct.evaluateNodes(XPathExpression("key('k', '1')"), at: document.documentNode).isEmpty)
    }

    @Test(
        "Only a lone attribute name without prefix is read directly",
        arguments: [
            ("@id", "id"), (" @id\n", "id"), ("@site-ref", "site-ref"), ("@_x.1", "_x.1"), ("@ id", "id"), ("attribute::id", "id"),
            ("@caf\u{E9}", "caf\u{E9}"), ("@p:id", nil), ("@*", nil), ("@id[1]", nil), ("@id | @x", nil), ("string(@id)", nil),
            ("../@id", nil), ("./@id", nil), ("@1d", nil), ("id", nil),
        ] as [(String, String?)])
    func attributeName(source: String, expected: String?) {
        #expect(XPathKey.attributeName(in: source) == expected)
    }

    @Test(
        "A key looked up by one attribute of the node in hand gives libxml2's nodes, none when the node has no such attribute",
        arguments: ["key('k', @id)", "count(key('k', @id))", "key('k', @p:id)", "key('k', @missing)", "key('k', @*)", "key('k', @id)[1]"])
    func lookupByAttributeOfTheNode(expression: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: ["p": "urn:p"])
        differential.define([XPathKey(name: "k", match: try XPathExpression("//*"), use: try XPathExpression("@id"))])
        let lookup = try XPathExpression(expression)
        let elements = try differential.compiled.evaluateNodes(XPathExpression("//*"), at: document.documentNode)
        #expect(elements.count > 10)
        for element in elements {
            #expect(differential.disagreement(lookup, at: element) == nil, "at line \(element.line)")
        }
    }
}
