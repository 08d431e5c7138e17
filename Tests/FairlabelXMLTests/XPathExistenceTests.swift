import Testing

@testable import FairlabelXML

/// A path of one step from the context node, without predicates, asked as a boolean (`*`,
/// `not(*)`, `@currency`, `s:tier`) is answered by walking the step's axis to its first match:
/// the same booleans as libxml2 at every node (elements with and without element children,
/// attributes, text, comments, processing instructions and the document node as context).
@Suite("Whether a one-step path selects anything")
struct XPathExistenceTests {
    static let document = """
        <r xmlns:p="urn:p" id="root">
          <a/><a>text only</a><a><!-- c --></a><a><?pi x?></a><a><b/></a><a>text<p:b/></a>
          <p:a currency="EUR"><p:b/>tail</p:a><b currency="" p:currency="x"/><c><![CDATA[data]]></c>
        </r>
        """

    static let expressions = [
        "*", "not(*)", "//*[not(*)]", "//*[*]", "count(//*[not(*)])", "//p:*[not(*)]", "//*[not(p:*)]", "boolean(p:b)",
        "not(b)", "@currency", "not(@currency)", "//*[@currency]", "//*[@p:currency]", "boolean(@*)", "not(text())",
        "boolean(node())", "boolean(comment())", "boolean(processing-instruction())", "boolean(self::a)",
        "boolean(following-sibling::*)", "boolean(..)", "not(ancestor::p:a)", "//*[not(*)][not(@currency)]",
    ]

    @Test("The first match gives libxml2's booleans at every node", arguments: expressions)
    func agreesWithLibxml2(source: String) throws {
        try XPathDifferential.expectAgreement(on: source, inDocument: Self.document, namespaces: ["p": "urn:p"])
    }

    @Test("An unbound prefix in the step is an error, as in libxml2, even where nothing matches")
    func unboundPrefix() throws {
        let document = try Document(parsing: Self.document)
        let differential = XPathDifferential(document: document, namespaces: [:])
        let expression = try XPathExpression("boolean(q:b)")
        #expect(differential.disagreement(expression, at: document.documentNode) == nil)
        #expect(throws: (any Error).self) { try differential.compiled.evaluateBoolean(expression, at: document.documentNode) }
    }

    @Test("Each child looked at for `*` counts as one operation, and the limit stops the look")
    func operationLimit() throws {
        let document = try Document(parsing: "<r><a>one<!-- two --><?three?>four<b/></a></r>")
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let element = try #require(document.rootElement?.childElements.first)
        let expression = try XPathExpression("not(*)")
        #expect(try context.evaluateBoolean(expression, at: element) == false)
        context.operationLimit = 5
        #expect(context.evaluateCompiledOnly(expression, at: element) != nil)
        context.operationLimit = 4
        #expect(context.evaluateCompiledOnly(expression, at: element) == nil)
    }
}
