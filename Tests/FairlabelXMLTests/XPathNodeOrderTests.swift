import Testing

@testable import FairlabelXML

/// `XPathNodeOrder.comparison` reads the order of two numbered elements itself and asks
/// libxml2 for any other pair: it answers as `xmlXPathCmpNodes` does, for elements, attributes
/// and text, and for nodes of different documents.
@Suite("Comparing two nodes' document order")
struct XPathNodeOrderTests {
    static let document = """
        <r a="1" b="2"><x n="1">text<y/><y m="3"/></x><!-- c --><x><z>more</z></x><w/></r>
        """

    /// Elements and attributes in document order, as libxml2's evaluator sorts them (elements
    /// and attributes only, which its sort orders by document order).
    static func elementsAndAttributes(of document: Document) throws -> [Node] {
        let context = XPathEvaluatorChoice.$current.withValue(.libxml2) { XPathContext(document: document) }
        return try context.evaluateNodes(try XPathExpression("//* | //@*"), at: document.documentNode)
    }

    @Test("Every pair of elements and attributes compares by its places in document order")
    func pairsInOrder() throws {
        let document = try Document(parsing: Self.document)
        let nodes = try Self.elementsAndAttributes(of: document)
        #expect(nodes.count == 11)
        for (i, first) in nodes.enumerated() {
            for (j, second) in nodes.enumerated() {
                let expected: Int32 = i < j ? 1 : (i > j ? -1 : 0)
                #expect(XPathNodeOrder.comparison(first.xmlNode, second.xmlNode) == expected, "\(first) against \(second)")
                #expect(XPathNodeOrder.precedes(first.xmlNode, second.xmlNode) == (i < j))
            }
        }
    }

    @Test("Text and comments compare with the elements around them")
    func textAndComments() throws {
        let document = try Document(parsing: Self.document)
        let context = XPathContext(document: document)
        let text = try #require(try context.evaluateNodes(try XPathExpression("//x[1]/text()"), at: document.documentNode).first)
        let comment = try #require(try context.evaluateNodes(try XPathExpression("//comment()"), at: document.documentNode).first)
        let elements = try context.evaluateNodes(try XPathExpression("//x[1] | //y[1] | //w"), at: document.documentNode)
        #expect(elements.count == 3)
        #expect(XPathNodeOrder.comparison(elements[0].xmlNode, text.xmlNode) == 1)
        #expect(XPathNodeOrder.comparison(text.xmlNode, elements[1].xmlNode) == 1)
        #expect(XPathNodeOrder.comparison(comment.xmlNode, elements[1].xmlNode) == -1)
        #expect(XPathNodeOrder.comparison(comment.xmlNode, elements[2].xmlNode) == 1)
    }

    @Test("Elements of two documents, both numbered, are not ordered")
    func twoDocuments() throws {
        let (first, second) = (try Document(parsing: Self.document), try Document(parsing: Self.document))
        let (left, right) = (try #require(first.rootElement), try #require(second.rootElement))
        #expect(XPathNodeOrder.comparison(left.xmlNode, right.xmlNode) == -2)
        #expect(!XPathNodeOrder.precedes(left.xmlNode, right.xmlNode))
    }
}
