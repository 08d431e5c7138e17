import Foundation
import Testing

@testable import FairlabelXML

/// `Node.attribute(_:namespace:)` reads an attribute's value where the tree holds it; the value
/// is what libxml2 gives the same attribute (`@name` as XPath reads it), references resolved.
@Suite("Reading an element's attribute")
struct NodeAttributeTests {
    static let document = """
        <r xmlns:p="urn:p" p:id="in-p" id="root" amp="a &amp; b" ref="&#x31;&#x32;" empty="" \
        spaced="  two  words " tab="a&#9;b" caf\u{E9}="\u{E9}t\u{E9}"><c id="child"/></r>
        """

    @Test(
        "An attribute in no namespace is found by its local name; one in a namespace only with that namespace",
        arguments: [
            ("id", nil, "root"), ("id", "urn:p", "in-p"), ("amp", nil, "a & b"), ("ref", nil, "12"), ("empty", nil, ""),
            ("spaced", nil, "  two  words "), ("tab", nil, "a\tb"), ("caf\u{E9}", nil, "\u{E9}t\u{E9}"), ("missing", nil, nil),
            ("missing", "urn:p", nil), ("amp", "urn:p", nil), ("p:id", nil, nil), ("ID", nil, nil),
        ] as [(String, String?, String?)])
    func value(name: String, namespace: String?, expected: String?) throws {
        let document = try Document(parsing: Data(Self.document.utf8), sourceName: "attributes.xml")
        let root = try #require(document.rootElement)
        #expect(root.attribute(name, namespace: namespace) == expected)
        if namespace == nil, !name.contains(":") {
            let context = XPathContext(document: document)
            let viaXPath = try context.evaluateNodes(XPathExpression("@*[local-name() = '\(name)' and namespace-uri() = '']"), at: root)
            #expect(viaXPath.first?.stringValue == expected)
        }
    }

    @Test("Only an element has attributes, and a child's are its own")
    func onlyElements() throws {
        let document = try Document(parsing: Data(Self.document.utf8), sourceName: "attributes.xml")
        let root = try #require(document.rootElement)
        #expect(document.documentNode.attribute("id") == nil)
        #expect(root.firstChildElement(named: "c")?.attribute("id") == "child")
        #expect(root.attributes.first?.attribute("id") == nil)
    }
}
