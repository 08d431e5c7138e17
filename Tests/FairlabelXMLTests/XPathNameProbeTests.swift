import Testing

@testable import FairlabelXML

/// Name tests compare interned pointers in parsed documents and bytes elsewhere, with the same
/// nodes as libxml2 either way.
@Suite("Name tests by interned pointer")
struct XPathNameProbeTests {
    static let source = """
        <s:r xmlns:s="urn:s" xmlns:t="urn:t" s:id="1" id="2">
          <s:a id="3"><s:b t:id="4">x</s:b><t:b>y</t:b><b>z</b></s:a>
          <s:a><![CDATA[<s:b/>]]><!-- s:b --><s:b id="5"/></s:a>
          <?b target?>
        </s:r>
        """
    static let namespaces = ["s": "urn:s", "t": "urn:t", "u": "urn:unbound-in-document"]

    static let expressions = [
        "//s:b", "//t:b", "//b", "//*[local-name() = 'b']", "/s:r/s:a/s:b", "//s:a[s:b]/@id", "//@id", "//@s:id",
        "//@t:id", "//s:b/@t:id", "count(//s:missing)", "//missing | //s:b", "//u:b", "//s:a[2]/s:b", "//processing-instruction('b')",
        "//s:b[. = 'x']/ancestor::s:r/@id", "count(//s:a/following-sibling::s:a/s:b)", "//s:r/child::s:a[last()]/s:b/@id",
    ]

    @Test("Name tests give libxml2's nodes in a parsed document", arguments: expressions)
    func parsedDocument(_ source: String) throws {
        let document = try Document(parsing: Self.source)
        let differential = XPathDifferential(document: document, namespaces: Self.namespaces)
        let expression = try XPathExpression(source)
        #expect(differential.compiledAlone(expression, at: document.documentNode))
        #expect(differential.disagreement(expression, at: document.documentNode) == nil)
    }

    @Test("Name tests give libxml2's nodes in a fragment copied without a dictionary", arguments: expressions)
    func copiedFragment(_ source: String) throws {
        let original = try Document(parsing: Self.source)
        let fragment = Document.fragment(copying: [try #require(original.rootElement)], sourceName: "fragment")
        let differential = XPathDifferential(document: fragment, namespaces: Self.namespaces)
        let expression = try XPathExpression(source)
        #expect(differential.disagreement(expression, at: fragment.documentNode) == nil)
    }

    @Test("A parsed document's name tests compare pointers, a copied fragment's compare bytes")
    func probeFollowsTheDictionary() throws {
        let document = try Document(parsing: Self.source)
        let fragment = Document.fragment(copying: [try #require(document.rootElement)], sourceName: "fragment")
        let present = XPathNodeTestMatcher(.name(prefix: "s", local: "b"), axis: .child)
        let absent = XPathNodeTestMatcher(.name(prefix: nil, local: "nowhere-in-the-document"), axis: .child)
        let parsed = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document) }
        let copied = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: fragment) }

        guard case .interned(let pointer) = parsed.nameProbe(for: present, from: document.documentNode.xmlNode) else {
            Issue.record("a parsed document's names should be compared by pointer")
            return
        }
        #expect(pointer != nil)
        guard case .interned(nil) = parsed.nameProbe(for: absent, from: document.documentNode.xmlNode) else {
            Issue.record("a name the dictionary does not hold should match nothing")
            return
        }
        guard case .bytes = copied.nameProbe(for: present, from: fragment.documentNode.xmlNode) else {
            Issue.record("a fragment without a dictionary should compare bytes")
            return
        }
        // A node of another document than the context's compares bytes too.
        guard case .bytes = parsed.nameProbe(for: present, from: fragment.documentNode.xmlNode) else {
            Issue.record("a node of another document should compare bytes")
            return
        }
    }
}
