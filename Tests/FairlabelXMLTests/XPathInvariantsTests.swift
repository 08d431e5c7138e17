import Testing

@testable import FairlabelXML

/// A predicate's subexpressions that read only `current()`, variables, the root and constants
/// are computed once per evaluation and document (`XPathInvariants`); the results must be
/// libxml2's at every node, after the variables change, and where one filter's nodes come from
/// two documents.
@Suite("Invariant subexpressions of predicates, computed once per evaluation")
struct XPathInvariantsTests {
    static let document = """
        <r id="one" x="b-2"><a k="a">a</a><a k="b">b<c>b</c></a><a k="b-2">b-2</a><a k="c">c</a><s x="c"><a k="c">c</a></s></r>
        """

    @Test(
        "The largest subexpressions of predicates that read no context node are kept, and only those",
        arguments: [
            ("//a[. = current()/@x]", ["current()/@x"]),
            ("//a[@k = substring-before(concat(current()/@x, '-'), '-')]", ["substring-before(concat(current()/@x, '-'), '-')"]),
            ("//a[count(/r/a) > position()]", ["count(/r/a)"]),
            ("//a[b[. = $v/@k]]", ["$v/@k"]),
            ("//a[. = $v][. = 'x'][position() = last()]", []),
            ("//a[string(.) = string($v)]", ["string($v)"]),
            ("//a[string() = normalize-space()]", []),
            ("count(current()/@x) + count(//a[key('k', 'a')])", []),
            ("$v[/r/@id = 'one']", ["/r/@id = 'one'"]),
        ])
    func analysis(expression: String, expected: [String]) throws {
        let invariants = XPathInvariants(in: try XPathParser.parse(expression))
        for text in expected {
            #expect(invariants.slot(of: try XPathParser.parse(text), as: .value) != nil, "\(text)")
        }
        #expect(invariants.isEmpty == expected.isEmpty)
    }

    @Test(
        "Predicates with invariant parts give libxml2's results at every node",
        arguments: [
            "//a[. = current()/@x]", "//a[@k = substring-before(concat(current()/@x, '-'), '-')]", "//a[count(/r/a) > position()]",
            "//a[c[. = current()/@k]]", "//a[@k = $v/@k]", "//a[string(.) = string($v)]", "//a[. = concat($s, current()/@k)]",
            "count(//a[. = current()])", "//a[sum(/r/a/@missing) = 0 and . != $s]", "//a[. = current()/@x][2]",
            "//a[not(/r/@id = 'one')]", "//*[name() = name(current())]",
        ])
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        let nodes = try differential.reference.evaluateNodes(XPathExpression("//a[@k = 'b']"), at: document.documentNode)
        differential.bind("v", to: XPathObject(nodes: nodes))
        differential.bind("s", to: XPathObject(string: "c"))
        // Every node in turn in the same two contexts: a value kept from one evaluation would be
        // read at the next.
        try differential.expectAgreement(on: try XPathExpression(text))
    }

    @Test("A kept value is not read after the variables it came from change")
    func variablesChange() throws {
        let document = try Document(parsing: Self.document)
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document, namespaces: [:]) }
        let expression = try XPathExpression("count(//a[. = string($s)])")
        #expect(expression.fallbackReason == nil)
        for (value, count) in [("a", 1.0), ("c", 2), ("b-2", 1), ("z", 0)] {
            context.setVariable("s", to: XPathObject(string: value))
            guard case .number(let found) = try context.evaluate(expression, at: document.documentNode).value else {
                Issue.record("count() gave no number")
                return
            }
            #expect(found == count, "\(value)")
        }
    }

    @Test("A path from the root is kept per document: one filter's nodes from two documents")
    func twoDocuments() throws {
        let first = try Document(parsing: Self.document)
        let second = try Document(parsing: #"<r id="two"><a k="a">a</a><a k="z">z</a></r>"#)
        let differential = XPathDifferential(document: first, namespaces: [:])
        let every = try XPathExpression("//a")
        let mixed =
            try differential.reference.evaluateNodes(every, at: first.documentNode)
            + differential.reference.evaluateNodes(every, at: second.documentNode)
        differential.bind("mixed", to: XPathObject(nodes: mixed))
        for text in ["$mixed[/r/@id = 'one']", "$mixed[/r/@id = 'two']", "count($mixed[count(/r/a) = 2])"] {
            let expression = try XPathExpression(text)
            #expect(differential.disagreement(expression, at: first.documentNode) == nil, "\(text)")
            let selected = try differential.compiled.evaluate(expression, at: first.documentNode).value
            if case .nodes(let nodes) = selected {
                #expect(!nodes.isEmpty && nodes.count < mixed.count, "\(text)")
            }
        }
    }
}
