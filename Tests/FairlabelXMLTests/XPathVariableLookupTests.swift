import Testing

@testable import FairlabelXML

/// A context keeps its variables by their names' numbers (`XPathVariableName`), so that one read
/// at every node is not looked up by hashing its name each time: what it answers must follow
/// every change of the bindings, made by name or by numbered name, with either evaluator.
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

    @Test(
        "A variable bound by its numbered name reads as one bound by its name, and the other way round",
        arguments: XPathEvaluatorChoice.allCases)
    func numberedNames(evaluator: XPathEvaluatorChoice) throws {
        let document = try Document(parsing: "<r><i/><i/></r>")
        let context = XPathEvaluatorChoice.$current.withValue(evaluator) { XPathContext(document: document) }
        let root = document.documentNode
        let items = XPathVariableName("items")
        #expect(items == XPathVariableName("items") && items != XPathVariableName("other") && items.description == "items")
        context.setVariable(items, to: try context.evaluate(XPathExpression("//i"), at: root))
        #expect(try context.evaluateString(XPathExpression("count($items)"), at: root) == "2")
        #expect(try context.evaluateNodes(XPathExpression("$items[2]"), at: root).count == 1)
        #expect(context.variable("items")?.nodeCount == 2)
        context.setVariable("items", to: XPathObject(number: 7))
        #expect(context.variable(items)?.number == 7)
        #expect(try context.evaluateBoolean(XPathExpression("$items = 7"), at: root))
        context.setVariable(items, to: nil)
        #expect(context.variable("items") == nil && context.variable(items) == nil)
        #expect(throws: XPathError.self) { try context.evaluateString(XPathExpression("$items"), at: root) }
    }

    @Test("A name never bound reads as unbound, and unbinding it binds nothing")
    func neverBound() throws {
        let document = try Document(parsing: "<r/>")
        let context = XPathContext(document: document)
        let name = "never-bound-\(UInt64.random(in: 0...UInt64.max))"
        #expect(context.variable(name) == nil)
        #expect(XPathNumbering.variables.existingNumber(of: name) == nil)
        context.setVariable(name, to: nil)
        #expect(context.variable(name) == nil)
        #expect(throws: XPathError.self) { try context.evaluateString(XPathExpression("$\(name)"), at: document.documentNode) }
    }

    @Test("Each context has its own bindings of the same numbered name")
    func contextsApart() throws {
        let document = try Document(parsing: "<r/>")
        let (first, second) = (XPathContext(document: document), XPathContext(document: document))
        let shared = XPathVariableName("shared")
        first.setVariable(shared, to: XPathObject(string: "one"))
        second.setVariable(shared, to: XPathObject(string: "two"))
        #expect(first.variable(shared)?.string == "one" && second.variable(shared)?.string == "two")
    }
}
