import Testing

@testable import FairlabelXML

/// Paths the compiled evaluator visits node by node, without node-sets, give what libxml2 gives:
/// in every use (value, boolean, string, nodes) and from every start (context node, root,
/// `current()`, a variable of one node or of several), including nested elements, where a
/// visit in nesting order is not document order, and reverse axes.
@Suite("Compiled XPath visits paths node by node as libxml2 selects them")
struct XPathStreamingTests {
    static let document = """
        <r xmlns:p="urn:p">
          <x n="1"><y>a</y><x n="2"><y>b</y><y>c</y></x><y>d</y></x>
          <x n="3"><y p:k="v">e</y>text<!-- c --><y>10</y></x>
          <z><x n="4"/><y>f</y></z>
        </r>
        """

    static let expressions = [
        // Nested x: their y children, visited x by x, are out of document order.
        "//x/y", "string(//x/y)", "count(//x/y)", "//x/y = 'b'", "//x/y != 'a'", "//x/y > 5", "5 < //x/y", "//x/y = 10",
        "name(//x/y[2])", "//x/y[1]", "//x/y[last()]", "count(//x[y]/y)", "sum(//x/@n)", "//x/@n = 3", "//x/@n >= 4",
        // From one node: reverse axes give nodes in reverse document order.
        "string(preceding::y)", "count(preceding::*)", "string(ancestor::*/@n)", "string(preceding-sibling::*)",
        "following::y = 'f'", "string(following-sibling::y)", "count(ancestor-or-self::node())", "../y", "string(../@n)",
        "..//y", "count(..//y)", "./y", "self::y", "string(self::node())", "string(.)", "text()", "string(node())",
        "string(node()[2])", "@*", "string(@p:k)", "count(@*)", "//p:*", "string(//@p:*)",
        // The context node itself, `.`, whatever its kind.
        ".", "count(.)", ". = 'a'", ". != 'a'", ". = 10", "name(.)", "boolean(.)", ". = .", "translate(., 'a', 'A') = .", "./.",
        // A node-set against a computed string, both ways round.
        "translate(., 'bc', '') = .", ". != translate(., 'a', '')", "concat(@n, '') = //x/@n", "//x/y = string(y)",
        "substring(., 1, 1) != y", "normalize-space(//x/y) = //y", "//nothing = concat('', '')", "//nothing != string(.)",
        // From the root, current() and variables.
        "/", "string(/)", "count(/r/x)", "/r/x/y = 'e'", "string(current()/y)", "count(current()/@n)", "$one/y", "string($one/y)",
        "count($one//y)", "$many/y", "string($many/y)", "count($many/y)", "$many/y = 'b'", "$empty/y", "count($empty/y)",
        "$one/y = 'a'", "$n + 1", "boolean($many)", "number($one/@n)", "not($empty)", "$s > 1",
    ]

    @Test("Every use of a visited path gives libxml2's result at every node", arguments: expressions)
    func agreesWithLibxml2(expression text: String) throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: ["p": "urn:p"])
        let reference = XPathContext(document: document)
        differential.bind("one", to: try reference.evaluate(XPathExpression("(//x)[1]"), at: document.documentNode))
        differential.bind("many", to: try reference.evaluate(XPathExpression("//x"), at: document.documentNode))
        differential.bind("empty", to: XPathObject(nodes: []))
        differential.bind("n", to: XPathObject(number: 2))
        differential.bind("s", to: XPathObject(string: "1.5"))
        let expression = try XPathExpression(text)
        #expect(expression.fallbackReason == nil)
        try differential.expectAgreement(on: expression)
    }
}
