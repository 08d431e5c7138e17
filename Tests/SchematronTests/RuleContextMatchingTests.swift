import FairlabelXML
import Foundation
import Testing

@testable import Schematron

/// Rule contexts selected together in one walk over the document (`RuleContextSelections`)
/// against each context evaluated by itself: with the compiled evaluator on, the reports must be
/// the same, fired rules in the same order, on every conformance case, every criteria pack on the
/// example that fails most, and every criterion fixture's edited submission.
@Suite("Rule contexts matched in one walk give the reports of one evaluation per context")
struct RuleContextMatchingTests {
    /// Everything a report says that the rule contexts decide, in order.
    static func summary(_ schema: CompiledSchema, _ document: Document, together: Bool) -> String {
        XPathEvaluatorChoice.$current.withValue(.compiled) {
            ValidationRun.$matchesRuleContextsTogether.withValue(together) {
                do {
                    let report = try schema.validate(document, options: ValidationOptions(passedSubjectsPerAssertion: 3))
                    let fired = report.firedRules.map { "\($0.sequence) \($0.patternIndex) \($0.id ?? "") \($0.context) \($0.location)" }
                    let results = (report.failedAsserts + report.successfulReports).map { result in
                        "\(result.sequence) \(result.id ?? "") \(result.location) \(result.message) \(result.subject?.location ?? "")"
                    }
                    let passed = report.passedSubjects.map { "\($0.assertionIndex) \($0.subject.location) \($0.value)" }
                    return (fired + results + passed + report.evaluationCounts.map(String.init)).joined(separator: "\n")
                } catch {
                    return "error: \(error)"
                }
            }
        }
    }

    @Test("Conformance cases and criteria packs: the same report either way", arguments: CompiledXPathDifferentialTests.pairings)
    func sameReports(_ pairing: CompiledXPathDifferentialTests.Pairing) throws {
        guard let schema = try? CompiledSchema(contentsOfFile: pairing.schema, phase: pairing.phase) else { return }
        let document = try Document(contentsOfFile: pairing.document)
        #expect(Self.summary(schema, document, together: true) == Self.summary(schema, document, together: false))
    }

    /// An edited example of `Tests/AuditTests/Fixtures/criteria/cases.json`.
    struct FixtureCase: Decodable, Sendable, CustomTestStringConvertible {
        struct Edit: Decodable, Sendable {
            let find: String
            let replace: String
        }

        let criterion: String
        let base: String
        let expect: String
        let edits: [Edit]

        var testDescription: String { "\(criterion) \(expect)" }
    }

    static let fixtureCases: [FixtureCase] = {
        let file = CompiledXPathDifferentialTests.repository.appendingPathComponent("Tests/AuditTests/Fixtures/criteria/cases.json")
        guard let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONDecoder().decode([FixtureCase].self, from: data)) ?? []
    }()

    static let packs: [CompiledSchema] = CompiledXPathDifferentialTests.files(in: "Schemas/criteria", ending: ".sch").compactMap {
        try? CompiledSchema(contentsOfFile: $0)
    }

    @Test("The criterion fixtures and the packs are there")
    func fixturesFound() {
        #expect(Self.fixtureCases.count > 100)
        #expect(Self.packs.count == CompiledXPathDifferentialTests.files(in: "Schemas/criteria", ending: ".sch").count)
    }

    @Test("Criterion fixtures: every pack gives the same report either way", arguments: fixtureCases)
    func fixture(_ fixture: FixtureCase) throws {
        let base = CompiledXPathDifferentialTests.repository.appendingPathComponent("Schemas/examples/\(fixture.base)").path
        var text = try String(contentsOfFile: base, encoding: .utf8)
        for edit in fixture.edits { text = text.replacingOccurrences(of: edit.find, with: edit.replace) }
        let document = try Document(parsing: Data(text.utf8), sourceName: "\(fixture.criterion).xml")
        for pack in Self.packs {
            #expect(Self.summary(pack, document, together: true) == Self.summary(pack, document, together: false), "\(pack.file)")
        }
    }

    @Test("The packs' rule contexts are matched in the walk, except those with predicates or variables")
    func packsMatched() throws {
        var matched = 0
        var evaluated: [String] = []
        for pack in Self.packs {
            let contexts = pack.patterns.flatMap(\.rules)
            let branches = contexts.filter(\.selectionIsConstant).flatMap(\.selection)
            let matcher = XPathSelectionMatcher(branches)
            for (index, branch) in branches.enumerated() {
                if matcher.matches(expressionAt: index) {
                    matched += 1
                } else {
                    evaluated.append(branch.source)
                }
            }
        }
        #expect(matched > 80)
        for source in evaluated {
            #expect(source.contains("["), "\(source) is left to evaluation without a predicate")
        }
    }
}
