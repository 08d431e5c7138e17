import Testing

@testable import FairlabelXML

/// Node lists (`NodeList`): the nodes `[Node]` would hold, in the same order, with the same
/// identities, from either evaluator; and node-sets made from them as from arrays of nodes.
@Suite("Node lists")
struct NodeListTests {
    static let source = """
        <r><a n="1"><b/>text<c><b/></c></a><!-- note --><a n="2"><b/><?pi x?><c/></a><d>more<b/></d></r>
        """

    static let expressions = ["//b", "//node() | //@*", "//a/@n", "/r/a[2]/node()", "//c | //a", "count(//b)", "/"]

    static func context(_ document: Document, _ choice: XPathEvaluatorChoice) -> XPathContext {
        XPathEvaluatorChoice.$current.withValue(choice) { XPathContext(document: document, namespaces: [:]) }
    }

    static func nodes(_ source: String, in document: Document) throws -> [Node] {
        try XPathContext(document: document, namespaces: [:]).evaluateNodes(try XPathExpression(source), at: document.documentNode)
    }

    @Test(
        "A node list holds the nodes evaluateNodes gives, in order, with their identities",
        arguments: expressions, [XPathEvaluatorChoice.compiled, .libxml2])
    func listsMatchArraysOfNodes(expression source: String, choice: XPathEvaluatorChoice) throws {
        let document = try Document(parsing: Self.source)
        let context = Self.context(document, choice)
        let expression = try XPathExpression(source)
        let nodes = try context.evaluateNodes(expression, at: document.documentNode)
        let list = try context.evaluateNodeList(expression, at: document.documentNode)
        #expect(Array(list) == nodes)
        #expect(list.indices.map { list.identity(at: $0) } == nodes.map(\.identity))
        #expect(Array(try context.evaluate(expression, at: document.documentNode).nodeList) == nodes)
        #expect(list.allSatisfy { $0.document === document })
    }

    @Test("Identities tell nodes apart and equal those of the same node read twice")
    func identities() throws {
        let document = try Document(parsing: Self.source)
        let nodes = try Self.nodes("//node() | //@*", in: document)
        #expect(Set(nodes.map(\.identity)).count == nodes.count)
        let again = try Self.nodes("//node() | //@*", in: document)
        #expect(again.map(\.identity) == nodes.map(\.identity))
    }

    @Test("Appending, extracting and appending another list's nodes keep order and documents")
    func building() throws {
        let first = try Document(parsing: Self.source)
        let second = try Document(parsing: "<s><t/><t/></s>")
        let ours = try Self.nodes("//b", in: first)
        let theirs = try Self.nodes("//t", in: second)
        var list = NodeList(ours)
        list.append(theirs[1])
        #expect(Array(list) == ours + [theirs[1]])
        #expect(list[list.count - 1].document === second)
        let part = list.extracting(1..<list.count)
        #expect(Array(part) == Array(ours.dropFirst()) + [theirs[1]])
        var copied = NodeList()
        for position in list.indices.reversed() { copied.append(nodeAt: position, of: list) }
        #expect(Array(copied) == Array(list.reversed()))
        #expect(copied[0].document === second && copied[1].document === first)
        var joined: NodeList = [theirs[0]]
        joined.append(contentsOf: NodeList(ours))
        #expect(Array(joined) == [theirs[0]] + ours)
    }

    @Test("A node-set made from a list is the one made from its nodes, ordered or not, with duplicates")
    func nodeSetsFromLists() throws {
        let document = try Document(parsing: Self.source)
        let nodes = try Self.nodes("//node() | //@*", in: document)
        let shuffled = nodes.reversed() + nodes.prefix(3)
        for given in [nodes, Array(shuffled), [], Array(nodes.prefix(1))] {
            let fromList = XPathObject(nodes: NodeList(given))
            let fromArray = XPathObject(nodes: given)
            #expect(fromList.nodes == fromArray.nodes)
            #expect(fromList.nodeCount == Set(given).count)
        }
    }

    @Test("A list of nodes of two documents gives each node with its own document")
    func twoDocuments() throws {
        let first = try Document(parsing: Self.source)
        let second = try Document(parsing: "<s><t/></s>")
        let list: NodeList = [first.documentNode, second.documentNode, try Self.nodes("//c", in: first)[0]]
        #expect(list.map { $0.document === first } == [true, false, true])
        #expect(list.map(\.identity) == list.indices.map { list.identity(at: $0) })
    }

    @Test("A node identity set takes each node once, through every growth, as Set does", arguments: [0, 1, 100])
    func identitySet(minimumCapacity: Int) throws {
        let items = (0..<300).map { "<i n='\($0)'/>" }.joined()
        let document = try Document(parsing: "<r>\(items)</r>")
        let nodes = try Self.nodes("//node() | //@*", in: document)
        #expect(nodes.count > 600)
        var set = NodeIdentitySet(minimumCapacity: minimumCapacity)
        var reference = Set<Node.Identity>()
        // Every node twice, the second round in reverse: only the first insertion is new.
        for node in nodes + nodes.reversed() {
            #expect(set.insert(node.identity) == reference.insert(node.identity).inserted)
        }
        #expect(reference.count == nodes.count)
    }
}
