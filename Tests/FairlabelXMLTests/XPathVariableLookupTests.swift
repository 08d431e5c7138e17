import Testing

@testable import FairlabelXML

/// A context remembers the variable it found last, so that one read at every node is not
/// looked up by hashing its name each time: what it answers must follow every change of the
/// bindings, with either evaluator.
@Suite("Variables read again after their bindings change")
struct XPathVariableLookupTests {
    @Test("A variable read, rebound, unbound and read beside another gives its current value", arguments: XPathEvaluatorChoice.allCases)
    func rebinding(evaluator: XPathEvaluatorChoice) throws {
        let document = try Document(parsing: "<r/>")
        let context = XPathEvaluatorChoice.$current.withValue(evaluator) { XPathContext(document: document) }
        let root = document.documentNode
        let readA = try XPathExpression("string($a)")
        context.setVariable("a", to: XPathObject(string: "first"))
        #expect(try context.evaluateString(readA, at: root) == "first")
        #expect(try context.evaluateString(readA, at: root) == "first")
        context.setVariable("a", to: XPathObject(string: "second"))
        #expect(try context.evaluateString(readA, at: root) == "second")
        context.setVariable("b", to: XPathObject(number: 2))
        #expect(try context.evaluateString(XPathExpression("concat($a, $b, $a)"), at: root) == "second2second")
        #expect(context.variable("a")?.string == "second" && context.variable("b")?.number == 2)
        context.setVariable("a", to: nil)
        #expect(context.variable("a") == nil)
        #expect(throws: XPathError.self) { try context.evaluateString(readA, at: root) }
        #expect(context.variable("b")?.number == 2)
    }
}
