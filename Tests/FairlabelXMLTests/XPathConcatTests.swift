import Testing

@testable import FairlabelXML

/// `concat()` with two to seven arguments of every kind (node-sets, numbers, booleans, strings,
/// empty values, text beyond ASCII), each arity compiled its own way, gives what libxml2 gives
/// at every node of a document.
@Suite("concat() of every arity")
struct XPathConcatTests {
    static let document = """
        <r><a n="1">x<b>yé</b></a><a n="2"/><c>  spaced  text </c></r>
        """

    @Test(
        "concat() agrees with libxml2 at every node",
        arguments: [
            "concat(@n, .)", "concat('', '')", "concat(a, 1 div 0)", "concat(., '-', @n)", "concat(b, true(), 0.5)",
            "concat(//a/@n, //c, '')", "concat('[', ., '|', @n, ']')", "concat(a, b, c, @n)", "concat(1, 2, 3, 4, 5)",
            "concat(@n, @n, @n, @n, @n, @n)", "concat('a', 'b', 'c', 'd', 'e', 'f', 'g')",
            "concat(normalize-space(//c), ' ', count(//a), ' ', name(), ' ', local-name(..))",
        ])
    func agreesWithLibxml2(source: String) throws {
        let differential = XPathDifferential(document: try Document(parsing: Self.document), namespaces: [:])
        try differential.expectAgreement(on: try XPathExpression(source))
    }

    @Test("The parts come in the order written, whatever their number")
    func order() throws {
        let document = try Document(parsing: "<r/>")
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        for count in 2...7 {
            let parts = (1...count).map { "'\($0)'" }.joined(separator: ", ")
            let expected = (1...count).map(String.init).joined()
            #expect(try context.evaluateString(XPathExpression("concat(\(parts))"), at: document.documentNode) == expected)
        }
    }
}
