import Testing

@testable import FairlabelXML

/// Selections matched together in one walk (`XPathSelectionMatcher`) select what libxml2's
/// evaluation of each selects, node for node and in the same order: nested elements of the same
/// name, namespaces (prefixed, default, none), wildcards, anchored paths, paths no element
/// matches, and predicates on the last step that do not select by position; expressions of
/// other forms (positional predicates, variables, `current()`, predicates on earlier steps),
/// unbound prefixes, libxml2 contexts and operation limits below the walk or the predicates are
/// left to evaluation.
@Suite("Selections matched in one walk over the document")
struct XPathSelectionMatcherTests {
    static let document = """
        <?xml version="1.0"?>
        <r xmlns:p="urn:p" xmlns:q="urn:p">
          <a x="1"><b/><a><b><b/></b></a></a>
          <p:a><p:b/><q:b/><b/></p:a>
          <c xmlns="urn:p"><b/><a><b/></a></c>
          <!-- a comment --><?pi x?>text
        </r>
        """

    static let matched = [
        "//a", "//b", "//a/b", "//a/b/b", "//p:a", "//p:b", "//p:a/p:b", "//p:a/b", "//*", "//*/b", "//p:*", "//p:*/p:b",
        "/r", "/r/a", "/r/a/b", "/r/*/b", "/a", "/*", "//r/a/a/b", "//nothing", "//r/c", "//p:c/p:a/p:b", "//x:b",
        "//a[b]", "//a[not(b)]", "//a[@x]", "//a[@x = 1]", "//*[@x or p:b]", "//a[b/b][not(@x)]", "//b[ancestor::p:a]",
        "//p:*[p:b or p:a]", "//a[count(b) = 1]", "/r/*[local-name() = 'c']", "//*[b = '']", "//a[b][b]", "//*[nothing]",
        "//b[string(.) = '']", "//b[.. = //p:a]",
    ]

    @Test("Each matched selection gives libxml2's nodes in libxml2's order, all matched in one walk")
    func agreesWithLibxml2() throws {
        let document = try Document(parsing: Self.document)
        let namespaces = ["p": "urn:p", "x": "urn:x"]
        let expressions = try Self.matched.map { try XPathExpression($0) }
        let matcher = XPathSelectionMatcher(expressions)
        let compiled = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document, namespaces: namespaces) }
        let reference = XPathEvaluatorChoice.$current.withValue(.libxml2) { XPathContext(document: document, namespaces: namespaces) }
        let selected = try #require(matcher.select(in: compiled))
        #expect(selected.count == expressions.count)
        var nonEmpty = 0
        for (expression, value) in zip(expressions, selected) {
            #expect(matcher.matches(expressionAt: expressions.firstIndex { $0 === expression }!))
            let mine = try #require(value, "\(expression.source) was not matched").nodes
            let theirs = try reference.evaluate(expression, at: document.documentNode).nodes
            #expect(mine == theirs, "\(expression.source)")
            if !mine.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 15)
    }

    @Test(
        "Expressions of other forms are left to evaluation",
        arguments: [
            "//a[1]", "//a[last()]", "//a[position() > 1]", "//a[b][1]", "//a[count(b)]", "//a[$v]", "//a[b = $v]",
            "//a[current()/b]", "//a[b[$v]]", "//a[b]/b", "//a//b", "a/b", "//a/@x", "//a/text()", "//node()", "/", "//.", "//a/..",
            "(//a)/b", "$v/a",
            "//descendant::a", "//a | //b", "count(//a)",
        ])
    func otherForms(source: String) throws {
        let matcher = XPathSelectionMatcher([try XPathExpression(source)])
        #expect(!matcher.matches(expressionAt: 0))
        let document = try Document(parsing: Self.document)
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let selected = try #require(matcher.select(in: context))
        #expect(selected.count == 1 && selected[0] == nil)
    }

    @Test("Without its unmatched expressions a matcher selects the same nodes for the others, at their new positions")
    func droppingUnmatched() throws {
        let document = try Document(parsing: Self.document)
        let sources = ["//a[1]", "//a", "//a//b", "//p:b", "$v/a", "//a[@x]", "//a[last()]"]
        let expressions = try sources.map { try XPathExpression($0) }
        let matcher = XPathSelectionMatcher(expressions)
        let kept = expressions.indices.filter { matcher.matches(expressionAt: $0) }
        #expect(kept == [1, 3, 5])
        let dropped = matcher.droppingUnmatched()
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) {
            XPathContext(document: document, namespaces: ["p": "urn:p"])
        }
        let all = try #require(matcher.select(in: context))
        let selected = try #require(dropped.select(in: context))
        #expect(selected.count == kept.count)
        for (position, index) in kept.enumerated() {
            #expect(dropped.matches(expressionAt: position))
            let mine = try #require(selected[position], "\(sources[index])").nodes
            #expect(mine == (try #require(all[index])).nodes, "\(sources[index])")
            #expect(!mine.isEmpty)
        }
    }

    @Test("An unbound prefix is left to evaluation, which reports it; the other selections are matched")
    func unboundPrefix() throws {
        let document = try Document(parsing: Self.document)
        let matcher = XPathSelectionMatcher([try XPathExpression("//u:a"), try XPathExpression("//a")])
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let selected = try #require(matcher.select(in: context))
        #expect(selected[0] == nil)
        #expect(selected[1]?.nodeCount == 2)
    }

    @Test("A predicate that stops on an error or on the operation limit leaves its expression to evaluation")
    func predicateStops() throws {
        let document = try Document(parsing: Self.document)
        let expressions = try ["//a[u:b]", "//a[count(//node()) > 0]", "//a[b]"].map { try XPathExpression($0) }
        let matcher = XPathSelectionMatcher(expressions)
        #expect((0..<3).allSatisfy(matcher.matches(expressionAt:)))
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let selected = try #require(matcher.select(in: context))
        #expect(selected[0] == nil)
        #expect(selected[1]?.nodeCount == 2)
        // Enough for the walk (21 nodes below the document node), not for counting every node at
        // each a (an evaluation of `//a` looks at the 14 elements through the child index).
        context.operationLimit = 40
        let limited = try #require(matcher.select(in: context))
        #expect(limited[1] == nil)
        #expect(limited[2]?.nodeCount == 2)
        #expect(throws: XPathError.self) { try context.evaluate(expressions[1], at: document.documentNode) }
    }

    @Test("No walk with libxml2's evaluator, or when the walk would pass the operation limit")
    func noWalk() throws {
        let document = try Document(parsing: Self.document)
        let matcher = XPathSelectionMatcher([try XPathExpression("//a")])
        let reference = XPathEvaluatorChoice.$current.withValue(.libxml2) { XPathContext(document: document) }
        #expect(matcher.select(in: reference) == nil)
        let limited = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        limited.operationLimit = 10
        #expect(matcher.select(in: limited) == nil)
        limited.operationLimit = 1000
        #expect(matcher.select(in: limited)?.first??.nodeCount == 2)
    }
}
