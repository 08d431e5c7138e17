import Testing

@testable import FairlabelXML

/// A node's child elements, all of them or those of one local name, read without building a
/// String per child: they must be the nodes XPath's `*` and `*[local-name() = 'name']` select.
@Suite("Child elements by local name")
struct NodeChildElementTests {
    static let text = """
        <?xml version="1.0"?>
        <!-- before the root -->
        <r xmlns="urn:default" xmlns:p="urn:p" xmlns:q="urn:q">
          text <a/><!-- note --><p:a/><?a pi?><b>inner<a/></b><q:a x="1"/><a>more</a><![CDATA[<a/>]]><ab/><A/>
        </r>
        """

    /// Local names that occur once, several times in several namespaces, as a prefix of
    /// another, in another case, only as a processing instruction's target or an attribute, and
    /// never.
    static let names = ["a", "b", "ab", "A", "r", "x", "pi", "", "missing"]

    /// The document node, and every element of the document.
    static func parents(in document: Document) throws -> [Node] {
        let context = XPathContext(document: document, namespaces: [:])
        return [document.documentNode] + (try context.evaluateNodes(try XPathExpression("//*"), at: document.documentNode))
    }

    @Test("The child elements are the nodes * selects, in document order")
    func allChildElements() throws {
        let document = try Document(parsing: Self.text)
        let context = XPathContext(document: document, namespaces: [:])
        let star = try XPathExpression("*")
        for parent in try Self.parents(in: document) {
            #expect(parent.childElements == (try context.evaluateNodes(star, at: parent)), "\(parent.readablePath)")
        }
    }

    @Test("The children called a name are those *[local-name() = name] selects, the first child the first of them", arguments: names)
    func childElementsNamed(name: String) throws {
        let document = try Document(parsing: Self.text)
        let context = XPathContext(document: document, namespaces: [:])
        let named = try XPathExpression("*[local-name() = '\(name)']")
        for parent in try Self.parents(in: document) {
            let expected = try context.evaluateNodes(named, at: parent)
            #expect(parent.childElements(named: name) == expected, "\(parent.readablePath)")
            #expect(parent.firstChildElement(named: name) == expected.first, "\(parent.readablePath)")
        }
    }

    @Test("Attributes, text and comments have no child elements")
    func leavesHaveNone() throws {
        let document = try Document(parsing: Self.text)
        let context = XPathContext(document: document, namespaces: [:])
        let leaves = try context.evaluateNodes(try XPathExpression("//@* | //text() | //comment()"), at: document.documentNode)
        #expect(leaves.count > 3)
        for leaf in leaves {
            #expect(leaf.childElements.isEmpty)
            #expect(leaf.childElements(named: "a").isEmpty)
            #expect(leaf.firstChildElement(named: "a") == nil)
        }
    }
}
