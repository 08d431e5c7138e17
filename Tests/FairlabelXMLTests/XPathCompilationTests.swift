import Testing

@testable import FairlabelXML

/// When the compiled evaluator compiles an expression: only when it is chosen, or when asked
/// why it would not.
@Suite("Compiled XPath is made only when chosen")
struct XPathCompilationTests {
    static let document = "<r><a x='1'/><a x='2'/></r>"

    @Test("A context that uses libxml2 never compiles the expressions it evaluates")
    func libxml2ContextDoesNotCompile() throws {
        let document = try Document(parsing: Self.document)
        let expression = try XPathExpression("count(//a[@x > 1])")
        let context = XPathEvaluatorChoice.$current.withValue(.libxml2) { XPathContext(document: document) }
        #expect(try context.evaluate(expression, at: document.documentNode).number == 1)
        #expect(try context.evaluateBoolean(expression, at: document.documentNode))
        #expect(try context.evaluateString(expression, at: document.documentNode) == "1")
        #expect(!expression.isCompiled)
    }

    @Test("A context that uses the compiled evaluator compiles on first use, once")
    func compiledContextCompilesOnce() throws {
        let document = try Document(parsing: Self.document)
        let expression = try XPathExpression("//a[@x = '2']")
        #expect(!expression.isCompiled)
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        #expect(try context.evaluateNodes(expression, at: document.documentNode).map { $0.attribute("x") } == ["2"])
        #expect(expression.isCompiled)
        let first = try #require(expression.program)
        _ = try context.evaluateNodes(expression, at: document.documentNode)
        #expect(expression.program === first)
    }

    @Test("Asking why an expression falls back compiles it and gives the reason")
    func fallbackReasonCompiles() throws {
        let compiled = try XPathExpression("string(//a[2]/@x)")
        let leftToLibxml2 = try XPathExpression("id('x')")
        #expect(compiled.fallbackReason == nil)
        #expect(leftToLibxml2.fallbackReason?.kind == .function)
        #expect(compiled.isCompiled && leftToLibxml2.isCompiled)
    }

    @Test("Threads that ask for the program at once all get the same one")
    func concurrentFirstUse() async throws {
        for _ in 0..<20 {
            let expression = try XPathExpression("count(//a) + sum(//@x)")
            let programs = await withTaskGroup(of: ObjectIdentifier?.self) { group in
                for _ in 0..<8 { group.addTask { expression.program.map(ObjectIdentifier.init) } }
                var found: [ObjectIdentifier?] = []
                for await program in group { found.append(program) }
                return found
            }
            #expect(Set(programs).count == 1 && programs[0] != nil)
        }
    }
}
