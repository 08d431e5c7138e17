import Testing

@testable import FairlabelXML

/// Lists of nodes merged into document order (`Node.documentOrder(merging:)`): the same order a
/// sort by `<` gives, whether the lists come in document order (merged) or not (sorted).
@Suite("Node lists merged into document order")
struct NodeListMergeTests {
    static let document = """
        <r><a n="1"><b/>text<c><b/></c></a><!-- note --><a n="2"><b/><?pi x?><c/></a><d>more<b/></d></r>
        """

    /// Every node of the document but the document node, in document order.
    static func allNodes(of document: Document) throws -> [Node] {
        let context = XPathContext(document: document, namespaces: [:])
        let nodes = try context.evaluateNodes(try XPathExpression("//node() | //@*"), at: document.documentNode)
        return nodes.sorted()
    }

    /// Deals `nodes` into `count` lists by a seeded generator; each list keeps the order given.
    static func deal(_ nodes: [Node], into count: Int, seed: UInt64) -> [NodeList] {
        var state = seed
        var lists: [NodeList] = Array(repeating: [], count: count)
        for node in nodes {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            lists[Int((state >> 33) % UInt64(count))].append(node)
        }
        return lists
    }

    @Test("Lists in document order merge into the order a sort by < gives", arguments: [1, 2, 3, 5, 8], [1, 7, 42] as [UInt64])
    func mergesOrderedLists(lists count: Int, seed: UInt64) throws {
        let document = try Document(parsing: Self.document)
        let nodes = try Self.allNodes(of: document)
        let lists = Self.deal(nodes, into: count, seed: seed)
        let order = Node.documentOrder(merging: lists)
        #expect(order.map { lists[$0.list][$0.index] } == nodes)
    }

    @Test("Lists out of document order are sorted, each node once", arguments: [1, 2, 4], [3, 9] as [UInt64])
    func sortsUnorderedLists(lists count: Int, seed: UInt64) throws {
        let document = try Document(parsing: Self.document)
        let nodes = try Self.allNodes(of: document)
        let lists = Self.deal(nodes.reversed(), into: count, seed: seed)
        let order = Node.documentOrder(merging: lists)
        #expect(order.map { lists[$0.list][$0.index] } == nodes)
    }

    @Test("No lists, or only empty ones, give nothing")
    func emptyLists() {
        #expect(Node.documentOrder(merging: []).isEmpty)
        #expect(Node.documentOrder(merging: [[], []]).isEmpty)
    }
}
