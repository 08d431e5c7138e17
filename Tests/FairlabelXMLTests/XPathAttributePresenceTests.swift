import Testing

@testable import FairlabelXML

/// `@a or @b or …` is answered by one look at the node's attributes: the same booleans as
/// libxml2 at every node (elements with none, some or all of the attributes, the same names in a
/// namespace, attributes, text and the document node as context), and recognised only in that
/// form.
@Suite("Attribute presence in one look")
struct XPathAttributePresenceTests {
    static let document = """
        <r xmlns:p="urn:p" id="root">
          <a/><a id="1"/><a ref="x" other="y"/><a p:id="1" p:ref="2"/><a xml:lang="en" lang="en"/>
          <b idx="1" i="2"/><b ref=""/>text<!-- c --><?pi id?>
        </r>
        """

    static let expressions = [
        "@id or @ref", "@ref or @id or @other", "@id or @ref or @lang or @i", "@p or @idx", "not(@id or @ref)",
        "count(//*[@id or @ref])", "//*[@id or @ref or @other]", "boolean(@id or @ref) and @other", "@nothing or @none",
    ]

    @Test("The one look gives libxml2's booleans at every node", arguments: expressions)
    func agreesWithLibxml2(source: String) throws {
        try XPathDifferential.expectAgreement(on: source, inDocument: Self.document, namespaces: ["p": "urn:p"])
    }

    @Test(
        "Only an or of unprefixed attribute steps without predicates is looked up so",
        arguments: [
            ("@id or @ref", ["id", "ref"]), ("@a or @b or @c", ["a", "b", "c"]), ("(@a or @b) or @c", ["a", "b", "c"]),
            ("attribute::a or @b", ["a", "b"]), ("@id", nil), ("@id and @ref", nil), ("@id or @p:ref", nil),
            ("@id or @*", nil), ("@id[1] or @ref", nil), ("@id or ref", nil), ("@id or ../@ref", nil), ("@id or $v", nil),
        ] as [(String, [String]?)])
    func recognisedForm(source: String, names: [String]?) throws {
        #expect(XPathAttributePresence.names(inOrChain: try XPathParser.parse(source)) == names)
    }

    @Test("Each attribute looked at counts as one operation, and the limit stops the look")
    func operationLimit() throws {
        let document = try Document(parsing: "<r><a w='1' x='2' y='3' z='4'/></r>")
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let element = try #require(document.rootElement?.childElements.first)
        let expression = try XPathExpression("@z or @q")
        #expect(try context.evaluateBoolean(expression, at: element))
        #expect(context.evaluateCompiledOnly(expression, at: element) != nil)
        context.operationLimit = 4
        #expect(context.evaluateCompiledOnly(expression, at: element) != nil)
        context.operationLimit = 2
        #expect(context.evaluateCompiledOnly(expression, at: element) == nil)
    }
}
