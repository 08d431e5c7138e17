import Testing

@testable import FairlabelXML

/// A context resolves a prefix to the bytes of the document's own declaration of its namespace
/// on the root element, so that node tests compare the namespace of most nodes by pointer. The
/// same nodes pass as in libxml2 wherever the namespace is declared: on the root only, again
/// deeper with another prefix or as the default, only below the root, under a prefix the
/// context binds to another URI, or nowhere.
@Suite("Namespace tests against the document's own declarations")
struct XPathNamespaceDeclarationTests {
    static let documents = [
        """
        <p:r xmlns:p="urn:p" xmlns:o="urn:o"><p:a/><a/><o:a p:k="1"/>\
        <b xmlns:q="urn:p"><q:a/><q:b q:k="2"/></b><c xmlns="urn:p"><a k="3"/></c></p:r>
        """,
        """
        <r><x xmlns:p="urn:p"><p:a/><p:b p:k="1"/></x><p:a xmlns:p="urn:other"/><a/></r>
        """,
        """
        <r xmlns:p="urn:other"><p:a/><a/></r>
        """,
    ]

    static let expressions = [
        "//p:a", "//p:*", "count(//p:*)", "//*[self::p:a or self::p:b]", "//@p:k", "//p:*[@p:k]", "boolean(//p:b)",
        "//o:a", "//*[not(self::p:*)]", "//p:r/p:a", "/p:r/b/p:a",
    ]

    @Test("The nodes that pass are libxml2's", arguments: documents.indices, expressions)
    func agreesWithLibxml2(document index: Int, source: String) throws {
        try XPathDifferential.expectAgreement(
            on: source, inDocument: Self.documents[index], namespaces: ["p": "urn:p", "o": "urn:o"], atNodes: "/ | //*")
    }

    @Test("The nodes that pass in a fragment copied out of a document are libxml2's", arguments: expressions)
    func fragmentAgreesWithLibxml2(source: String) throws {
        let original = try Document(parsing: Self.documents[0])
        let copied = try #require(original.rootElement?.childElements.first { $0.localName == "b" })
        let fragment = Document.fragment(copying: [copied], sourceName: "fragment")
        let differential = XPathDifferential(document: fragment, namespaces: ["p": "urn:p", "o": "urn:o"])
        try differential.expectAgreement(on: try XPathExpression(source), atNodes: "/ | //*")
    }

    @Test(
        "A prefix resolves to the root's declaration of its namespace when there is one, whatever prefix declares it there",
        arguments: [
            (#"<r xmlns:z="urn:o" xmlns:y="urn:p"><y:a/></r>"#, true), (#"<r><a xmlns="urn:p"/></r>"#, false),
            (#"<r xmlns:p="urn:other"/>"#, false),
        ])
    func resolvesToTheRootsDeclaration(source: String, declaredOnRoot: Bool) throws {
        let document = try Document(parsing: source)
        let context = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document, namespaces: ["p": "urn:p"]) }
        let test = XPathNodeTestMatcher(.name(prefix: "p", local: "a"), axis: .child)
        let uri = try #require(try context.namespaceURI(of: test))
        #expect(String(cString: uri) == "urn:p")
        // The context's own copy of the bound URI, kept for the life of the process.
        #expect((uri != XPathNumbering.namespaceURIs.entry(of: "urn:p").bytes) == declaredOnRoot)
    }
}
