import FairlabelXML
import Foundation
import Testing

@Suite("XPath values keep alive every document they point into")
struct XPathLifetimeTests {
    /// Evaluates on a node of a document that only the node references, then lets go of both.
    static func evaluateOnForeignDocument(with context: XPathContext) throws -> XPathObject {
        let other = try Document(parsing: "<other><item n='1'/><item n='2'/><item n='3'/></other>", sourceName: "other.xml")
        let root = try #require(other.rootElement)
        return try context.evaluate(try XPathExpression("item"), at: root)
    }

    @Test("A result from a node of another document stays readable after that document is released")
    func foreignDocumentOutlivesItsCaller() throws {
        let home = try Document(parsing: "<home/>", sourceName: "home.xml")
        let context = XPathContext(document: home)
        let result = try Self.evaluateOnForeignDocument(with: context)
        // The caller kept neither the document nor its node; the value must still read them.
        #expect(result.nodeCount == 3)
        #expect(result.nodes.map { $0.attribute("n") } == ["1", "2", "3"])
        #expect(result.nodes.allSatisfy { $0.document.sourceName == "other.xml" })
    }

    @Test("A result outlives its context and is still readable", arguments: [1, 5, 50])
    func resultOutlivesContext(rounds: Int) throws {
        var results: [XPathObject] = []
        for round in 0..<rounds {
            let document = try Document(parsing: "<r><a>\(round)</a></r>", sourceName: "r\(round).xml")
            let context = XPathContext(document: document)
            results.append(try context.evaluate(try XPathExpression("/r/a"), at: try #require(document.rootElement)))
        }
        #expect(results.map(\.string) == (0..<rounds).map(String.init))
    }
}
