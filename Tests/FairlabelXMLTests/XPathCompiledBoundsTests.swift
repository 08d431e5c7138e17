import Testing

@testable import FairlabelXML

/// The compiled evaluator keeps to the bounds a context sets, as libxml2 does.
@Suite("Compiled XPath keeps to the operation limit")
struct XPathCompiledBoundsTests {
    @Test("An evaluation past the operation limit fails under either evaluator, and succeeds without the limit")
    func operationLimit() throws {
        let document = try Document(parsing: "<r>" + String(repeating: "<a><b/><b/></a>", count: 200) + "</r>")
        let expression = try XPathExpression("count(//a[count(//b) > 0])")
        for choice in XPathEvaluatorChoice.allCases {
            let context = XPathEvaluatorChoice.$current.withValue(choice) { XPathContext(document: document) }
            context.operationLimit = 10_000
            #expect(throws: XPathError.self, "\(choice)") { try context.evaluate(expression, at: document.documentNode) }
            #expect(context.operationLimitReached, "\(choice)")
            context.operationLimit = nil
            #expect(try context.evaluate(expression, at: document.documentNode).number == 200, "\(choice)")
        }
    }

    @Test("The compiled evaluator counts the nodes it visits, so a limit it stays under changes nothing")
    func countsVisitedNodes() throws {
        let document = try Document(parsing: "<r>" + String(repeating: "<a><b/><b/></a>", count: 200) + "</r>")
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        context.operationLimit = 1_000_000
        #expect(try context.evaluate(XPathExpression("count(//a[count(//b) > 0])"), at: document.documentNode).number == 200)
        #expect(context.compiledOperations > 200 * 600)
        #expect(!context.operationLimitReached)
    }

    @Test("A node-set built once for an expression written twice counts its operations at each use, as libxml2 does")
    func sharedNodeSetsCountAtEachUse() throws {
        let document = try Document(parsing: "<r>" + String(repeating: "<a><b/><b/></a>", count: 200) + "</r>")
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let root = document.documentNode
        #expect(try context.evaluate(XPathExpression("count(//a/b)"), at: root).number == 400)
        let once = context.compiledOperations
        #expect(try context.evaluate(XPathExpression("count(//a/b) + count(//a/b)"), at: root).number == 800)
        #expect(context.compiledOperations == 2 * once)
        #expect(once > 400)
    }
}
