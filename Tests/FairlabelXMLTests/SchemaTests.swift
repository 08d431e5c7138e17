import FairlabelXML
import Foundation
import Testing

@Suite("XML Schema compilation and validation")
struct SchemaTests {
    @Test("A valid document has no diagnostics")
    func validDocument() throws {
        let schema = try Schema(contentsOfFile: Fixture.path("order.xsd"))
        let document = try Document(contentsOfFile: Fixture.path("order-valid.xml"))
        #expect(schema.validate(document).isEmpty)
        #expect(schema.targetNamespace == "urn:test:order")
    }

    @Test("Every validity error is reported with its line, column, element path and a hint")
    func invalidDocument() throws {
        let schema = try Schema(contentsOfFile: Fixture.path("order.xsd"))
        let document = try Document(contentsOfFile: Fixture.path("order-invalid.xml"))
        let diagnostics = schema.validate(document)
        #expect(diagnostics.map(\.location.line) == [5, 10, 12])
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.location.file == Fixture.path("order-invalid.xml") })
        #expect(diagnostics.map(\.path) == ["/order/item[1]/quantity", "/order/item[2]/price", "/order/note"])
        // The schema's own namespace is left out of messages so names read as written.
        #expect(diagnostics[2].message == "Element 'note': This element is not expected. Expected is ( item ).")
        #expect(diagnostics[1].hint == "write the value in the format the pattern describes")
        #expect(diagnostics.allSatisfy { $0.hint != nil })
    }

    @Test(
        "A document whose root the schema does not declare is told the root and namespace the schema expects",
        arguments: ["<invoice xmlns=\"urn:test:order\"/>", "<order/>", "<order xmlns=\"urn:test:other\"/>"])
    func rootElementHint(text: String) throws {
        let schema = try Schema(contentsOfFile: Fixture.path("order.xsd"))
        let diagnostics = try schema.validate(Document(parsing: text, sourceName: "wrong.xml"))
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(
            diagnostics.first?.hint
                == "the schema's root element is <order> in the namespace urn:test:order (xmlns=\"urn:test:order\"): check that this is "
                + "the right file, then the root element's name and xmlns", "\(diagnostics)")
    }

    @Test("A value not of one of the schema's documented simple types gets the type's documentation as its hint")
    func typeDocumentationHints() throws {
        let schema = try Schema(contentsOfFile: Fixture.path("typed.xsd"))
        let diagnostics = try schema.validate(Document(contentsOfFile: Fixture.path("typed-invalid.xml")))
        let hints = Dictionary(diagnostics.map { ($0.location.line, $0.hint) }, uniquingKeysWith: { first, _ in first })
        // The documentation's whitespace is collapsed, its first word lowercased after the colon,
        // its final full stop dropped.
        #expect(hints[3] == "write a value of the type Count: a number of people: a whole number, 0 or more", "\(diagnostics)")
        // An acronym keeps its capitals.
        #expect(hints[4] == "write a value of the type WeeklyHours: ILO hours of work in a week, a whole number", "\(diagnostics)")
        // A type without documentation gets no made-up hint.
        #expect(diagnostics.contains { $0.location.line == 5 && $0.hint == nil }, "\(diagnostics)")
    }

    @Test(
        "A schema that cannot be compiled is refused with its own line",
        arguments: [("schema-not-well-formed.xsd", XMLError.Code.notWellFormed, 4), ("schema-bad-type.xsd", .invalidSchema, 3)])
    func badSchemas(name: String, code: XMLError.Code, line: Int) throws {
        let error = #expect(throws: XMLError.self) { try Schema(contentsOfFile: Fixture.path(name)) }
        #expect(error?.code == code)
        #expect(error?.location?.line == line)
    }

    @Test("A schema that includes a network resource is refused without any network access")
    func noNetworkIncludes() throws {
        let error = #expect(throws: XMLError.self) { try Schema(contentsOfFile: Fixture.path("schema-imports-http.xsd")) }
        #expect(error?.code == .invalidSchema)
    }

    @Test("One schema validates many documents from many tasks at once", .timeLimit(.minutes(1)))
    func concurrentValidation() async throws {
        let schema = try Schema(contentsOfFile: Fixture.path("order.xsd"))
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let name = index.isMultiple(of: 2) ? "order-valid.xml" : "order-invalid.xml"
                    return schema.validate(try Document(contentsOfFile: Fixture.path(name))).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.sorted() == Array(repeating: 0, count: 32) + Array(repeating: 3, count: 32))
    }
}
