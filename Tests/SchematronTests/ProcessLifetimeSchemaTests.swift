import FairlabelXML
import Schematron
import Testing

/// A compiled schema that lives as long as the process, as a server's or a fuzz target's does.
/// Under `scripts/check-memory`, LeakSanitizer scans this test process at exit: a schema whose
/// parts it cannot follow from the static below (the compiled XPath programs once held their
/// syntax trees, and the schema its source bytes, through pointers tagged in their high bits) is
/// reported as leaked there, which is how `scripts/fuzz audit` first stopped.
@Suite("A compiled schema kept for the whole process")
struct ProcessLifetimeSchemaTests {
    /// Compiled once and never released.
    static let kept: CompiledSchema? = try? CompiledSchema(contentsOfFile: Fixture.path("keys.sch"))

    @Test("A schema kept in a static validates with the compiled evaluator and keeps its sources")
    func keptSchema() throws {
        let schema = try #require(Self.kept)
        let shop = try Document(contentsOfFile: Fixture.path("keys.xml"))
        let report = try XPathEvaluatorChoice.$current.withValue(.compiled) { try schema.validate(shop) }
        #expect(report.failedAsserts.contains { $0.id == "REF" })
        #expect(schema.expressions.contains { $0.expression.fallbackReason == nil })
        #expect(schema.sources.first.map { $0.bytes.count == $0.contents.count && !$0.contents.isEmpty } == true)
    }
}
