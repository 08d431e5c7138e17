import FairlabelXML
import Foundation
import Testing

@testable import Schematron

/// The compiled XPath evaluator against libxml2 on every expression of the criteria packs and
/// of the conformance corpus, evaluated at the nodes of their documents, and on whole
/// validations: the reports must be the same with the evaluator on and forced off.
@Suite("Compiled XPath against libxml2 on the schemas fairlabel runs")
struct CompiledXPathDifferentialTests {
    /// A schema with a document it is run on.
    struct Pairing: CustomTestStringConvertible, Sendable {
        let schema: String
        let document: String
        let phase: String?

        var testDescription: String {
            "\(URL(fileURLWithPath: schema).lastPathComponent) on \(URL(fileURLWithPath: document).lastPathComponent)"
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func files(in folder: String, ending suffix: String) -> [String] {
        let directory = repository.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0).path }
    }

    /// Each criteria pack with an example submission that fails many of its checks, and each
    /// conformance case.
    static let pairings: [Pairing] = {
        var result: [Pairing] = []
        let examples = files(in: "Schemas/examples", ending: ".xml").filter {
            ["southern-cross-seafoods.xml"].contains(
                URL(fileURLWithPath: $0).lastPathComponent)
        }
        for schema in files(in: "Schemas/criteria", ending: ".sch") {
            for document in examples {
                result.append(Pairing(schema: schema, document: document, phase: nil))
            }
        }
        for name in ConformanceCorpus.cases {
            let folder = ConformanceCorpus.folder(name)
            let phase = (try? ConformanceCorpus.expectation(name))?.phase
            result.append(
                Pairing(
                    schema: folder.appendingPathComponent("schema.sch").path, document: folder.appendingPathComponent("document.xml").path,
                    phase: phase))
        }
        return result
    }()

    @Test("The pairings are there")
    func pairingsFound() {
        #expect(Self.pairings.count > 30)
    }

    @Test("Every expression gives the same result in both evaluators at every node", arguments: pairings)
    func everyExpression(_ pairing: Pairing) throws {
        guard let schema = try? CompiledSchema(contentsOfFile: pairing.schema, phase: pairing.phase) else { return }
        let document = try Document(contentsOfFile: pairing.document)
        let namespaces = schema.namespaces.reduce(into: [String: String]()) { $0[$1.prefix] = $1.uri }
        let compiled = XPathEvaluatorChoice.$current.withValue(.compiled) { XPathContext(document: document, namespaces: namespaces) }
        let reference = XPathEvaluatorChoice.$current.withValue(.libxml2) { XPathContext(document: document, namespaces: namespaces) }
        compiled.define(schema.keys)
        reference.define(schema.keys)
        let root = document.documentNode
        let expressions = schema.expressions
        // Variables bound to their values at the document node, in a few passes so that
        // variables defined in terms of others get values too: the same inputs for both.
        for _ in 0..<3 {
            for item in expressions where item.role.hasPrefix("variable $") {
                let name = String(item.role.dropFirst("variable $".count))
                if let value = try? reference.evaluate(item.expression, at: root) {
                    compiled.setVariable(name, to: value)
                    reference.setVariable(name, to: value)
                }
            }
        }
        let elements = try reference.evaluate(XPathExpression("//*"), at: root)
        compiled.setVariable(CompiledRule.claimedNodesVariable, to: elements)
        reference.setVariable(CompiledRule.claimedNodesVariable, to: elements)
        var nodes = try reference.evaluateNodes(XPathExpression("/ | //* | //@*"), at: root)
        if nodes.count > 12 { nodes = stride(from: 0, to: nodes.count, by: nodes.count / 12 + 1).map { nodes[$0] } }
        var differences = 0
        for item in expressions {
            for node in nodes {
                let ways: [(String, (XPathContext) -> String)] = [
                    ("value", { context in (try? context.evaluate(item.expression, at: node)).map { Self.describe($0.value) } ?? "error" }),
                    ("boolean", { context in (try? context.evaluateBoolean(item.expression, at: node)).map { "\($0)" } ?? "error" }),
                ]
                for (way, evaluate) in ways {
                    let (mine, theirs) = (evaluate(compiled), evaluate(reference))
                    if mine != theirs {
                        differences += 1
                        if differences <= 5 {
                            Issue.record(
                                "\(item.role) `\(item.expression.source)` at \(node) (\(way)): compiled \(mine), libxml2 \(theirs)")
                        }
                    }
                }
            }
        }
        #expect(differences == 0)
    }

    @Test("Validation reports are the same with the compiled evaluator and with libxml2", arguments: pairings)
    func sameReports(_ pairing: Pairing) throws {
        guard let schema = try? CompiledSchema(contentsOfFile: pairing.schema, phase: pairing.phase) else { return }
        let document = try Document(contentsOfFile: pairing.document)
        func summary(_ choice: XPathEvaluatorChoice) -> String {
            XPathEvaluatorChoice.$current.withValue(choice) {
                do {
                    let report = try schema.validate(document, options: ValidationOptions(passedSubjectsPerAssertion: 3))
                    let fired = report.firedRules.map { "\($0.patternIndex) \($0.id ?? "") \($0.location) \($0.line)" }
                    let results = (report.failedAsserts + report.successfulReports).map { result in
                        let texts = (result.diagnostics + result.properties).map { "\($0.id)=\($0.text)" }
                        return "\(result.sequence) \(result.id ?? "") \(result.location) \(result.message) \(texts) "
                            + "\(result.subject?.location ?? "")"
                    }
                    let passed = report.passedSubjects.map { "\($0.assertionIndex) \($0.subject.location) \($0.value)" }
                    return (fired + results + passed + report.evaluationCounts.map(String.init)).joined(separator: "\n")
                } catch {
                    return "error: \(error)"
                }
            }
        }
        let (mine, theirs) = (summary(.compiled), summary(.libxml2))
        #expect(mine == theirs)
    }

    @Test("The criteria packs run entirely on the compiled evaluator")
    func criteriaCompile() throws {
        var fallbacks: [String] = []
        for file in Self.files(in: "Schemas/criteria", ending: ".sch") {
            let schema = try CompiledSchema(contentsOfFile: file)
            for item in schema.expressions {
                if let reason = item.expression.fallbackReason {
                    fallbacks.append("\(URL(fileURLWithPath: file).lastPathComponent): \(item.role) `\(item.expression.source)`: \(reason)")
                }
            }
        }
        #expect(fallbacks.isEmpty, "\(fallbacks.joined(separator: "\n"))")
    }

    static func describe(_ value: XPathValue) -> String {
        switch value {
        case .nodes(let nodes): "nodes " + nodes.map(\.description).joined(separator: ", ")
        case .string(let text): "string " + bytes(text)
        case .number(let number): number.isNaN ? "number NaN" : "number \(number) \(number.sign == .minus ? "-" : "+")"
        case .boolean(let flag): "boolean \(flag)"
        }
    }

    static func bytes(_ text: String) -> String {
        text.utf8.map { String($0, radix: 16) }.joined(separator: " ")
    }
}
