import Testing

@testable import FairlabelXML

/// `Node.withStringValue(_:)` reads the string value in place where one text node holds it: it
/// must give the bytes of `stringValue` for every kind of node.
@Suite("A node's string value read in place")
struct NodeStringValueTests {
    @Test("Every node's bytes are those of its string value: leaves, mixed content, CDATA, attributes, comments, empty elements")
    func everyNode() throws {
        let document = try Document(
            parsing: """
                <r a="value" b=""><leaf>one text</leaf><empty/><mixed>x<i>y</i>z</mixed><c><![CDATA[<raw>]]></c>\
                <two><![CDATA[a]]>b</two><!-- note --><?pi data?><é>ü 中</é></r>
                """)
        let context = XPathContext(document: document, namespaces: [:])
        let nodes = try context.evaluateNodes(try XPathExpression("//node() | //@*"), at: document.documentNode)
        #expect(nodes.count > 15)
        for node in nodes + [document.documentNode] {
            let bytes = node.withStringValue { Array($0) }
            #expect(bytes == Array(node.stringValue.utf8), "\(node.readablePath)")
        }
    }
}
