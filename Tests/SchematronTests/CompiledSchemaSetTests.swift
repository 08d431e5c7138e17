import FairlabelXML
import Foundation
import Testing

@testable import Schematron

/// Validations of one document by the schemas of a `CompiledSchemaSet`, sharing one walk over
/// the document for their rule contexts, report what each validation by itself reports.
@Suite("Schemas validating one document with shared work")
struct CompiledSchemaSetTests {
    /// Everything a report says, in order.
    static func summary(_ report: ValidationReport) -> String {
        let fired = report.firedRules.map { "\($0.sequence) \($0.patternIndex) \($0.id ?? "") \($0.context) \($0.location)" }
        let results = (report.failedAsserts + report.successfulReports).map { result in
            "\(result.sequence) \(result.id ?? "") \(result.location) \(result.readableLocation) \(result.message) "
                + "\(result.subject?.location ?? "")"
        }
        let passed = report.passedSubjects.map { "\($0.assertionIndex) \($0.subject.location) \($0.value)" }
        return (fired + results + passed + report.evaluationCounts.map(String.init)).joined(separator: "\n")
    }

    /// Each schema's report on `document`, validated by itself and then with the set's shared
    /// work, with the compiled evaluator; and the shared work, to look at afterwards.
    static func reports(
        _ schemas: [CompiledSchema], _ document: Document, options: (Int) -> ValidationOptions = { _ in ValidationOptions() }
    ) -> (alone: [String], shared: [String], work: SharedValidationWork) {
        XPathEvaluatorChoice.$current.withValue(.compiled) {
            let set = CompiledSchemaSet(schemas)
            let work = set.sharedWork(for: document)
            var alone: [String] = []
            var shared: [String] = []
            for (index, schema) in schemas.enumerated() {
                do {
                    alone.append(summary(try schema.validate(document, options: options(index))))
                } catch {
                    alone.append("error: \(error)")
                }
                do {
                    shared.append(summary(try schema.validate(document, options: options(index), sharing: work)))
                } catch {
                    shared.append("error: \(error)")
                }
            }
            return (alone, shared, work)
        }
    }

    static func fixture(_ name: String) -> String { Fixture.path("schema-set/\(name)") }

    @Test("Every criteria pack on every criterion fixture: the same reports with the walk shared as without")
    func criteriaPacks() throws {
        let packs = RuleContextMatchingTests.packs
        #expect(packs.count > 5 && RuleContextMatchingTests.fixtureCases.count > 100)
        var reported = 0
        for fixture in RuleContextMatchingTests.fixtureCases {
            let base = CompiledXPathDifferentialTests.repository.appendingPathComponent("Schemas/examples/\(fixture.base)").path
            var text = try String(contentsOfFile: base, encoding: .utf8)
            for edit in fixture.edits { text = text.replacingOccurrences(of: edit.find, with: edit.replace) }
            let document = try Document(parsing: Data(text.utf8), sourceName: "\(fixture.criterion).xml")
            let (alone, shared, work) = Self.reports(packs, document) { _ in ValidationOptions(passedSubjectsPerAssertion: 3) }
            for (index, pack) in packs.enumerated() {
                #expect(alone[index] == shared[index], "\(pack.file) on \(fixture.criterion) \(fixture.expect)")
            }
            // The packs bind the same prefix to the same namespace: one walk for all of them.
            #expect(work.walkCount == 1)
            reported += alone.joined().count
        }
        #expect(reported > 1_000_000)
    }

    @Test("Schemas binding one prefix to two namespaces: the same context text selects each schema's own nodes")
    func namespacesKeptApart() throws {
        let schemas = try ["vocabulary-a.sch", "vocabulary-b.sch"].map { try CompiledSchema(contentsOfFile: Self.fixture($0)) }
        let document = try Document(contentsOfFile: Self.fixture("orders.xml"))
        let (alone, shared, work) = Self.reports(schemas, document)
        #expect(alone == shared)
        #expect(alone[0] != alone[1])
        #expect(work.walkCount == 2)
        // Not vacuous: each vocabulary has its own second item of quantity 0.
        for uri in ["urn:example:a", "urn:example:b"] {
            let order = "*[local-name()='order' and namespace-uri()='\(uri)'][1]"
            let item = "/shop[1]/\(order)/*[local-name()='item' and namespace-uri()='\(uri)'][2]"
            #expect(alone[uri.hasSuffix("a") ? 0 : 1].contains("zero \(item)"))
        }
    }

    @Test("A context whose predicate calls key() selects by each schema's own key, walk shared or not")
    func keysKeptApart() throws {
        let schemas = try ["vocabulary-a.sch", "tools.sch"].map { try CompiledSchema(contentsOfFile: Self.fixture($0)) }
        let document = try Document(contentsOfFile: Self.fixture("orders.xml"))
        let (alone, shared, work) = Self.reports(schemas, document)
        #expect(alone == shared)
        #expect(work.walkCount == 1)
        // The first vocabulary's items order p1, a tool, and p2, a food: both are listed products,
        // only the first a listed tool.
        #expect(alone[0].components(separatedBy: "This item's product is listed.").count - 1 == 2)
        #expect(alone[1].components(separatedBy: "This item's product is a listed tool.").count - 1 == 1)
    }

    @Test("Validations with different operation limits each get a walk counted against their own")
    func operationLimits() throws {
        let schemas = try ["vocabulary-a.sch", "tools.sch"].map { try CompiledSchema(contentsOfFile: Self.fixture($0)) }
        let document = try Document(contentsOfFile: Self.fixture("orders.xml"))
        let (alone, shared, work) = Self.reports(schemas, document) { index in
            ValidationOptions(bounds: EvaluationBounds(maxOperations: index == 0 ? 1_000_000 : 3))
        }
        #expect(alone == shared)
        #expect(work.walkCount == 2)
        #expect(alone[1].hasPrefix("error: "))
        #expect(!alone[0].hasPrefix("error: "))
    }

    @Test("A schema outside the set validates by itself, sharing the location paths only")
    func schemaOutsideTheSet() throws {
        let inside = try CompiledSchema(contentsOfFile: Self.fixture("vocabulary-a.sch"))
        let outside = try CompiledSchema(contentsOfFile: Self.fixture("vocabulary-b.sch"))
        let document = try Document(contentsOfFile: Self.fixture("orders.xml"))
        let work = CompiledSchemaSet([inside]).sharedWork(for: document)
        let alone = Self.summary(try outside.validate(document))
        #expect(Self.summary(try outside.validate(document, sharing: work)) == alone)
        #expect(work.walkCount == 0)
    }
}
