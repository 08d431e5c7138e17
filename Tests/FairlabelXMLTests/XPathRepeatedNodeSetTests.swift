import Testing

@testable import FairlabelXML

/// Node-set expressions written more than once in one expression (a Schematron variable
/// inlined wherever it is used) are built once per context node and evaluation: which ones are
/// shared, and that expressions sharing them still give libxml2's results at every node.
@Suite("Repeated node-set expressions built once per context node")
struct XPathRepeatedNodeSetTests {
    @Test(
        "Paths and filters of two steps or more written twice are shared; one step, or position() or last(), is not",
        arguments: [
            ("x/y = 1 or x/y = 2", ["x/y"]),
            ("(x/y)/z and (x/y)/w", ["x/y"]),
            ("((x/y)/z)/w = ((x/y)/z)/w", ["((x/y)/z)/w"]),
            ("y = 1 or y = 2", []),
            ("x/y[position() = 1] or x/y[position() = 1]", []),
            ("x/y[last()] = x/y[last()]", []),
            ("count(//a/b) + sum(//a/b)", ["//a/b"]),
            ("$v/a/b or $v/a/b", ["$v/a/b"]),
            ("x/y or x/z", []),
        ] as [(String, [String])])
    func sharedExpressions(source: String, shared: [String]) throws {
        let repeated = XPathRepeatedNodeSets(in: try XPathParser.parse(source))
        for expression in shared {
            #expect(repeated.number(of: try XPathParser.parse(expression)) != nil, "\(expression) in \(source)")
        }
        for part in ["x/y", "y", "x/y[position() = 1]", "x/y[last()]", "x/z"] where !shared.contains(part) {
            #expect(repeated.number(of: try XPathParser.parse(part)) == nil, "\(part) in \(source)")
        }
    }

    /// Nested elements of the same name, attributes, text and a comment (`XPathStreamingTests`'s document).
    static let document = XPathStreamingTests.document

    static let expressions = [
        "count(x/y) + count(x/y)", "x/y = 'b' and x/y != 'a'", "string((x/y)[2]) = string((x/y)[2])",
        "sum(x/@n) > 1 and sum(x/@n) < 10", "//x[y/text() = 'b' or y/text() = 'c']",
        "concat(substring(concat('a', x/y), 1, 9 * (x/y = 'a')), substring(concat('d', x/y), 1, 9 * (x/y = 'd')))",
        "$many/y = 'b' or count($many/y) > 2", "x[y/y or y/y]", "count(../x/y | ../x/y)", "(../x/y)[1] = (../x/y)[last()]",
        "name((ancestor-or-self::x/y)[1]) = name((ancestor-or-self::x/y)[1])", "string(x/y) = string(x/y/../y)",
        "count(//x[x/y][x/y]) + count(//x/y)", "boolean(x/y) and not(x/y = 'zz')",
    ]

    @Test("Expressions that share node-sets give libxml2's results at every node", arguments: expressions)
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: ["p": "urn:p"])
        let reference = XPathContext(document: document)
        differential.bind("many", to: try reference.evaluate(XPathExpression("//x"), at: document.documentNode))
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        try differential.expectAgreement(on: expression)
    }

    @Test("A node-set kept in one evaluation is not read in the next, after a variable changed")
    func keptForOneEvaluationOnly() throws {
        let document = try Document(parsing: Self.document)
        let context = XPathContext(document: document)
        let expression = try XPathExpression("count($v/y/text()) + count($v/y/text())")
        let root = document.documentNode
        context.setVariable("v", to: try context.evaluate(XPathExpression("(//x)[1]"), at: root))
        #expect(try context.evaluate(expression, at: root).number == 4)
        context.setVariable("v", to: try context.evaluate(XPathExpression("//z"), at: root))
        #expect(try context.evaluate(expression, at: root).number == 2)
        context.setVariable("v", to: try context.evaluate(XPathExpression("(//x)[3]"), at: root))
        #expect(try context.evaluate(expression, at: root).number == 4)
    }
}
