import FairlabelXML
import Foundation
import Testing

@Suite("Validity problems past the limit are counted, not listed")
struct ProblemLimitTests {
    /// An order whose every item carries one problem: a quantity that is not a positive integer.
    static func order(items: Int) -> String {
        "<order xmlns=\"urn:test:order\">\n<customer>c</customer>\n"
            + String(repeating: "<item sku=\"s\"><quantity>0</quantity><price currency=\"EUR\">1</price></item>\n", count: items)
            + "</order>\n"
    }

    @Test(
        "A document lists at most the limit of problems, then one line with how many more",
        arguments: [
            (items: 5, limit: 10), (items: 10, limit: 10), (items: 11, limit: 10), (items: 3_000, limit: 100), (items: 250, limit: 1),
        ])
    func capsProblems(items: Int, limit: Int) throws {
        let schema = try Schema(contentsOfFile: Fixture.path("order.xsd"))
        let document = try Document(parsing: Self.order(items: items), sourceName: "order.xml")
        let findings = schema.findings(in: document, maxProblems: limit)
        #expect(findings.listed.count == min(items, limit))
        #expect(findings.unlistedCount == max(0, items - limit))
        #expect(findings.errorCount == items)
        #expect(findings.listed.map(\.location.line) == Array(3..<(3 + min(items, limit))))
        let diagnostics = schema.validate(document, maxProblems: limit)
        if items > limit {
            #expect(diagnostics.count == limit + 1)
            #expect(diagnostics.last?.message == "and \(items - limit) more problem\(items - limit == 1 ? "" : "s") not listed")
            #expect(diagnostics.last?.location.file == "order.xml")
        } else {
            #expect(diagnostics == findings.listed)
        }
    }

    @Test("The default limit is 100 problems")
    func defaultLimit() throws {
        let schema = try Schema(contentsOfFile: Fixture.path("order.xsd"))
        let document = try Document(parsing: Self.order(items: 500), sourceName: "order.xml")
        #expect(schema.validate(document).count == Schema.defaultMaxProblems + 1)
    }
}
