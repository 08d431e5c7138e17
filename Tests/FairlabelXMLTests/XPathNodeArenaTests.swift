import Testing

@testable import FairlabelXML

/// The compiled evaluator's node lists are reused, within bounds, and reuse never changes a
/// result.
@Suite("Node lists reused between evaluations and documents")
struct XPathNodeArenaTests {
    static let source = "<r><a><b><c/></b><b><c/><c/></b></a><a><b/><b><c/></b></a></r>"

    @Test("A list given back comes out again empty, with its capacity")
    func listComesBackEmptyWithItsCapacity() throws {
        let document = try Document(parsing: Self.source)
        let arena = XPathNodeArena()
        var list = arena.list()
        for _ in 0..<100 { list.append(document.documentNode.xmlNode) }
        arena.giveBack(&list)
        #expect(list.isEmpty)
        let again = arena.list()
        #expect(again.isEmpty)
        #expect(again.capacity >= 100)
        #expect(arena.list().capacity == 0)
    }

    @Test("An arena keeps neither huge lists nor more lists than its limit")
    func arenaKeepsItsBounds() throws {
        let document = try Document(parsing: Self.source)
        let arena = XPathNodeArena()
        var huge = arena.list()
        huge.reserveCapacity(XPathNodeArena.capacityLimit + 1)
        huge.append(document.documentNode.xmlNode)
        arena.giveBack(&huge)
        #expect(arena.list().capacity == 0)

        for _ in 0..<(XPathNodeArena.listLimit + 5) {
            var list = [document.documentNode.xmlNode]
            arena.giveBack(&list)
        }
        var kept = 0
        while arena.list().capacity > 0 { kept += 1 }
        #expect(kept == XPathNodeArena.listLimit)
    }

    @Test(
        "Paths whose steps pass lists through the arena give libxml2's nodes, document after document",
        arguments: ["//a/b[2]/c", "/r/a/b[last()]/c", "(//b)[2]/c", "//a[b[c]]/b/c[1]", "//b[c][last()]/c[last()]"])
    func reuseLeavesResultsUnchanged(_ source: String) throws {
        let expression = try XPathExpression(source)
        let documents = try [Self.source, "<r><a><b><c/><c/></b></a></r>", "<r/>"].map { try Document(parsing: $0) }
        for round in 0..<3 {
            for document in documents {
                let differential = XPathDifferential(document: document, namespaces: [:])
                let found = differential.disagreement(expression, at: document.documentNode)
                #expect(found == nil, "round \(round): \(found ?? "")")
            }
        }
    }
}
