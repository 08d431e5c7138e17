import Audit
import FairlabelXML
import Foundation
import Schematron

// The compiled XPath evaluator against libxml2's, in one process per run, without the command
// line's start-up, server libraries or output writing: the evaluator is the environment's choice
// (FAIRLABEL_XPATH=compiled or libxml2), as for `fairlabel`. Synchronous, so that valgrind can
// profile it (it cannot run Swift's async executables). Used by Benchmarks/xpath/run.py.
//
//   XPathBenchmark audit DIR              audits each .xml of DIR on 2026-06-30 under the default
//                                         scheme; prints the criteria stage and the whole audit (s)
//   XPathBenchmark schematron SCHEMA FILE…  validates each file with `fairlabel schematron`'s options
//                                         for text output; prints the failed asserts and the time
//                                         of parsing and validating (s)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("XPathBenchmark: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
switch arguments.first {
case "audit":
    guard arguments.count == 2, let folder = arguments.last, let date = CalendarDate(iso8601: "2026-06-30") else {
        fail("usage: XPathBenchmark audit DIR")
    }
    let auditor: Auditor
    do {
        auditor = try Auditor.load(schemasDirectory: root.appendingPathComponent("Schemas").path, scheme: nil, auditDate: date)
    } catch {
        fail("\(error)")
    }
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
    var criteria = Duration.zero
    var decisions: [String] = []
    let clock = ContinuousClock()
    let started = clock.now
    for file in files {
        guard let data = FileManager.default.contents(atPath: folder + "/" + file) else { fail("cannot read \(file)") }
        let outcome = auditor.audit(data: data, name: file)
        criteria += outcome.timings.criteria
        decisions.append("\(file) \(outcome.audit.decision)")
    }
    let whole = clock.now - started
    print("files \(files.count) criteria \(seconds(criteria)) audit \(seconds(whole)) evaluator \(XPathEvaluatorChoice.current.rawValue)")
    // The decisions, as one FNV-1a hash: runs with either evaluator must print the same.
    let digest = decisions.joined(separator: "\n").utf8.reduce(UInt64(14_695_981_039_346_656_037)) {
        ($0 ^ UInt64($1)) &* 1_099_511_628_211
    }
    print("decisions \(String(digest, radix: 16))")
case "schematron":
    guard arguments.count >= 3 else { fail("usage: XPathBenchmark schematron SCHEMA FILE…") }
    let clock = ContinuousClock()
    let started = clock.now
    let schema: CompiledSchema
    do {
        schema = try CompiledSchema(contentsOfFile: arguments[arguments.startIndex + 1])
    } catch {
        fail("\(error)")
    }
    // The options `fairlabel schematron` validates with for its text and JSON output: fired rules
    // are recorded only for SVRL, and each document has a time limit (the command's default).
    let options = ValidationOptions(recordsFiredRules: false, timeLimit: .seconds(60))
    var failures = 0
    for file in arguments.dropFirst(2) {
        do {
            let document = try Document(contentsOfFile: file)
            failures += try schema.validate(document, options: options).failedAsserts.count
        } catch {
            fail("\(file): \(error)")
        }
    }
    print("failed \(failures) seconds \(seconds(clock.now - started)) evaluator \(XPathEvaluatorChoice.current.rawValue)")
default:
    fail("usage: XPathBenchmark audit DIR | schematron SCHEMA FILE…")
}
