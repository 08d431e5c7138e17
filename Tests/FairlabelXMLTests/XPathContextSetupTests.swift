import Testing

@testable import FairlabelXML

/// An `XPathContext` makes libxml2's context only when an evaluation first goes on there; what
/// it was given before (namespaces, keys, variables, an operation limit) and after reaches
/// libxml2 either way.
@Suite("What a context holds reaches libxml2's evaluation, before and after it is first used")
struct XPathContextSetupTests {
    static let source = "<r xmlns='urn:a' xmlns:b='urn:b'><x id='1'/><b:y id='2'/><x id='3'/></r>"

    @Test(
        "Namespaces, keys, variables and the operation limit, given before or after the first evaluation",
        arguments: XPathEvaluatorChoice.allCases, [false, true])
    func setUp(evaluator: XPathEvaluatorChoice, evaluatesFirst: Bool) throws {
        let document = try Document(parsing: Self.source)
        let root = document.documentNode
        let context = XPathEvaluatorChoice.$current.withValue(evaluator) {
            XPathContext(document: document, namespaces: ["a": "urn:a"])
        }
        if evaluatesFirst {
            #expect(try context.evaluateNodes(XPathExpression("//a:x"), at: root).count == 2)
            #expect(!context.operationLimitReached)
        }
        context.bindNamespace(prefix: "b", uri: "urn:b")
        context.define([XPathKey(name: "k", match: try XPathExpression("//*[@id]"), use: try XPathExpression("@id"))])
        context.setVariable("wanted", to: XPathObject(string: "3"))
        #expect(try context.evaluateNodes(XPathExpression("//a:x"), at: root).count == 2)
        #expect(try context.evaluateNodes(XPathExpression("//b:y"), at: root).count == 1)
        #expect(try context.evaluateString(XPathExpression("name(key('k', '2'))"), at: root) == "b:y")
        #expect(try context.evaluateString(XPathExpression("key('k', $wanted)/@id"), at: root) == "3")
        // A prefix bound to nothing is an error, whichever evaluator meets it first.
        #expect(throws: XPathError.self) { try context.evaluateNodes(XPathExpression("//c:z"), at: root) }
        context.operationLimit = 3
        #expect(throws: XPathError.self) {
            try context.evaluate(XPathExpression("count(//node()) + count(//node()) + count(//node())"), at: root)
        }
        #expect(context.operationLimitReached)
        context.operationLimit = nil
        #expect(try context.evaluateBoolean(XPathExpression("count(//node()) = 3 + 1"), at: root))
        #expect(!context.operationLimitReached)
    }

    @Test("An operation limit set before the first evaluation stops it", arguments: XPathEvaluatorChoice.allCases)
    func limitBeforeFirstEvaluation(evaluator: XPathEvaluatorChoice) throws {
        let document = try Document(parsing: Self.source)
        let context = XPathEvaluatorChoice.$current.withValue(evaluator) { XPathContext(document: document) }
        context.operationLimit = 3
        #expect(throws: XPathError.self) {
            try context.evaluate(XPathExpression("count(//node()) + count(//node()) + count(//node())"), at: document.documentNode)
        }
        #expect(context.operationLimitReached)
    }
}
