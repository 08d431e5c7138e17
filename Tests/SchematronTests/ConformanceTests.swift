import FairlabelXML
import Foundation
import Schematron
import Testing

@Suite("ISO Schematron conformance corpus")
struct ConformanceTests {
    @Test("Each conformance case gives the expected verdict, firings, locations and SVRL", arguments: ConformanceCorpus.cases)
    func conformanceCase(name: String) throws {
        if let reason = ConformanceCorpus.knownFailures[name] {
            withKnownIssue(Comment(rawValue: reason)) { try check(name) }
        } else {
            try check(name)
        }
    }

    @Test("Every case listed in the corpus manifest is run")
    func everyCaseRuns() throws {
        struct Manifest: Decodable { let case_count: Int }
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: ConformanceCorpus.directory.appendingPathComponent("MANIFEST.json")))
        #expect(ConformanceCorpus.cases.count == manifest.case_count)
        #expect(manifest.case_count > 0)
    }

    private func check(_ name: String) throws {
        let expected = try ConformanceCorpus.expectation(name)
        let folder = ConformanceCorpus.folder(name)
        let schemaPath = folder.appendingPathComponent("schema.sch").path
        let document = try Document(contentsOfFile: folder.appendingPathComponent("document.xml").path)

        if expected.error {
            #expect(throws: SchematronError.self, "\(name): the schema must be refused") {
                let schema = try CompiledSchema(contentsOfFile: schemaPath, phase: expected.phase)
                _ = try schema.validate(document)
            }
            return
        }

        let schema = try CompiledSchema(contentsOfFile: schemaPath, phase: expected.phase)
        let report = try schema.validate(document)
        #expect(report.isValid == expected.valid, "\(name): verdict")

        let failed = report.failedAsserts.map { Pair(id: $0.id, test: $0.test) }
        let reported = report.successfulReports.map { Pair(id: $0.id, test: $0.test) }
        #expect(Multiset(failed) == Multiset(expected.failed_asserts.map { Pair(id: $0.id, test: $0.test) }), "\(name): failed asserts")
        #expect(
            Multiset(reported) == Multiset(expected.successful_reports.map { Pair(id: $0.id, test: $0.test) }),
            "\(name): successful reports")

        // Locations: the same nodes, whatever the notation.
        let context = XPathContext(document: document)
        func nodes(_ paths: [String]) throws -> [Node] {
            try paths.map { try context.evaluateNodes(XPathExpression($0), at: document.documentNode) }.flatMap { $0 }.sorted()
        }
        #expect(
            try nodes(report.failedAsserts.map(\.location)) == nodes(expected.failed_asserts.map(\.location)),
            "\(name): failed-assert locations")
        #expect(
            try nodes(report.successfulReports.map(\.location)) == nodes(expected.successful_reports.map(\.location)),
            "\(name): report locations")

        // The suite's own checks of the SVRL report.
        let svrl = try Document(parsing: SVRL.document(for: report, schema: schema), sourceName: "\(name).svrl")
        let svrlContext = XPathContext(document: svrl, namespaces: expected.svrl_assertion_namespaces)
        for assertion in expected.svrl_assertions where assertion.xpath1 {
            #expect(
                try svrlContext.evaluateBoolean(XPathExpression(assertion.xpath), at: svrl.documentNode),
                "\(name): SVRL check \(assertion.xpath)")
        }
    }
}

private struct Pair: Hashable, CustomStringConvertible {
    let id: String?
    let test: String
    var description: String { "(\(id ?? "nil"), \(test))" }
}

private struct Multiset<Element: Hashable>: Equatable, CustomStringConvertible {
    let counts: [Element: Int]
    init(_ elements: [Element]) { counts = elements.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
    var description: String { "\(counts)" }
}
