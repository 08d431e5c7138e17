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

    @Test(
        "A prefix of the string value is the value's first bytes, whole exactly when the value fits, for every node and length",
        arguments: [0, 1, 2, 3, 5, 8, 13, 1_000])
    func prefixOfEveryNode(limit: Int) throws {
        let document = try Document(
            parsing: """
                <r a="value" b=""><leaf>one text</leaf><empty/><mixed>x<i>y<!-- c --></i><?p q?>z</mixed>\
                <c><![CDATA[<raw>]]></c><two><![CDATA[a]]>b<e/></two><!-- note --><?pi data?><é>ü 中</é>\
                <deep><a><b>1</b><b/></a>22<a><b>333</b></a></deep></r>
                """)
        let context = XPathContext(document: document, namespaces: [:])
        let nodes = try context.evaluateNodes(try XPathExpression("//node() | //@*"), at: document.documentNode)
        for node in nodes + [document.documentNode] {
            let whole = Array(node.stringValue.utf8)
            let (bytes, isWhole) = node.withStringValue(prefixOfAtMost: limit) { (Array($0), $1) }
            #expect(bytes == Array(whole.prefix(limit)), "\(node.readablePath)")
            #expect(isWhole == (whole.count <= limit), "\(node.readablePath)")
        }
    }
}
