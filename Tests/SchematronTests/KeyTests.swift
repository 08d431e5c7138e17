import FairlabelXML
import Schematron
import Testing

@Suite("xsl:key declarations and key()")
struct KeyTests {
    let shop = try! Document(contentsOfFile: Fixture.path("keys.xml"))

    func messages(_ report: ValidationReport, _ id: String) -> [String] {
        (report.failedAsserts + report.successfulReports).filter { $0.id == id }.map(\.message)
    }

    @Test("key() finds referenced nodes, and a dangling reference fails")
    func references() throws {
        let report = try CompiledSchema(contentsOfFile: Fixture.path("keys.sch")).validate(shop)
        #expect(messages(report, "REF") == ["Order o2 refers to p9, which is no product."])
        #expect(report.failedAsserts.first { $0.id == "REF" }?.line == 7)
    }

    @Test("key() with current() in a rule variable gives the same nodes, in document order")
    func perNode() throws {
        let report = try CompiledSchema(contentsOfFile: Fixture.path("keys.sch")).validate(shop)
        #expect(messages(report, "FOUND") == ["Order o1: 1 product(s), first B.", "Order o3: 2 product(s), first A."])
    }

    @Test("A value filed under two nodes makes both fail a uniqueness check")
    func uniqueness() throws {
        let report = try CompiledSchema(contentsOfFile: Fixture.path("keys.sch")).validate(shop)
        #expect(messages(report, "UNIQUE") == ["Product id p1 is used 2 times.", "Product id p1 is used 2 times."])
        #expect(report.failedAsserts.filter { $0.id == "UNIQUE" }.map(\.line) == [3, 5])
    }

    @Test("A node-set value looks up each string value; same-named keys are merged; no match is empty")
    func nodeSetValues() throws {
        let report = try CompiledSchema(contentsOfFile: Fixture.path("keys.sch")).validate(shop)
        #expect(messages(report, "UNION") == ["Ordered: 3, first A; shared name: order and product; none: 0."])
    }

    @Test("A rule context may be a key() pattern")
    func keyContext() throws {
        let report = try CompiledSchema(contentsOfFile: Fixture.path("keys.sch")).validate(shop)
        #expect(messages(report, "P1") == ["Product p1 with sku A.", "Product p1 with sku C."])
    }

    @Test("key() agrees with the predicate it replaces on every node of a generated document")
    func agreesWithPredicate() throws {
        var xml = "<shop xmlns=\"urn:test:shop\">"
        for index in 0..<300 { xml += "<product id=\"p\(index % 97)\" sku=\"s\(index)\"/>" }
        for index in 0..<200 { xml += "<order id=\"o\(index)\" ref=\"p\(index * 7 % 131)\"/>" }
        xml += "</shop>"
        let document = try Document(parsing: xml, sourceName: "generated.xml")
        let context = XPathContext(document: document, namespaces: ["s": "urn:test:shop"])
        context.define([XPathKey(name: "product", match: try XPathExpression("//s:product"), use: try XPathExpression("@id"))])
        let viaKey = try XPathExpression("key('product', @ref)")
        let viaPredicate = try XPathExpression("//s:product[@id = current()/@ref]")
        for order in try context.evaluateNodes(XPathExpression("//s:order"), at: document.documentNode) {
            #expect(try context.evaluateNodes(viaKey, at: order) == context.evaluateNodes(viaPredicate, at: order))
        }
    }

    @Test("key() with a name no key declares fails with the declared names")
    func unknownAtRuntime() throws {
        let document = try Document(parsing: "<r a='1'/>", sourceName: "r.xml")
        let context = XPathContext(document: document)
        context.define([XPathKey(name: "k", match: try XPathExpression("//*"), use: try XPathExpression("@a"))])
        let error = #expect(throws: XPathError.self) {
            try context.evaluate(XPathExpression("key(concat('x', 'y'), '1')"), at: document.documentNode)
        }
        #expect(error?.reason.contains("no key is named \"xy\"") == true)
        #expect(error?.reason.contains("\"k\"") == true)
    }

    @Test(
        "Broken key declarations and uses are refused at load, at their line",
        arguments: [
            ("unknown-key.sch", SchematronError.Code.unknownReference, 6, "key('products'"),
            ("key-without-use.sch", .malformed, 3, "has no use attribute"),
            ("key-variable.sch", .malformed, 4, "$kind"),
            ("key-bad-match.sch", .invalidExpression, 8, "`product[`"),
        ])
    func brokenKeys(name: String, code: SchematronError.Code, line: Int, mentions: String) throws {
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: Fixture.path("errors/" + name)) }
        #expect(error?.code == code)
        #expect(error?.location?.line == line)
        #expect(error?.problem.contains(mentions) == true)
        #expect(error?.fix.isEmpty == false)
    }

    @Test("An unknown key name gets a suggestion")
    func suggestion() throws {
        let error = #expect(throws: SchematronError.self) { try CompiledSchema(contentsOfFile: Fixture.path("errors/unknown-key.sch")) }
        #expect(error?.fix.hasPrefix("did you mean \"product\"?") == true)
    }
}
