import FairlabelXML
import Foundation
import Testing

@testable import Audit

@Suite("A refused submission is reported with its reason, a bounded list of problems and the time it took")
struct RefusedSubmissionTests {
    static func granted() throws -> String {
        let path = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/maple-and-loom.xml").path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test(
        "A hostile submission is not auditable, names its line, and its parse time is counted",
        arguments: [
            (
                "attributes", "<submission", "<submission " + (0..<5_000).map { "a\($0)=\"v\"" }.joined(separator: " "),
                "more than 1000 attributes"
            ),
            ("nul", "</submission>", "</submission>\n\u{0}<submission/>", "NUL character"),
        ])
    func hostileSubmission(name: String, find: String, replace: String, problem: String) throws {
        let auditor = try ExampleDecisionTests.auditor.get()
        var text = try Self.granted()
        let range = try #require(text.range(of: find))
        text.replaceSubrange(range, with: replace)
        let outcome = auditor.audit(data: Data(text.utf8), name: "\(name).xml")
        #expect(outcome.audit.decision == .notAuditable)
        #expect(outcome.audit.structuralProblems.first?.message.contains(problem) == true)
        #expect(outcome.audit.structuralProblems.first?.location.line != nil)
        #expect(outcome.timings.parse > .zero)
    }

    @Test("A submission with hundreds of schema problems lists the first hundred and counts the rest")
    func problemsAreCapped() throws {
        let auditor = try ExampleDecisionTests.auditor.get()
        // Every figure of the example becomes the letter n: one problem per figure.
        let text = try Self.granted().replacing(/>[0-9]+</, with: ">n<")
        let schema = try Schema(
            contentsOfFile: ExampleDecisionTests.repository.appendingPathComponent("Schemas/submission.xsd").path)
        let figures = schema.findings(in: try Document(parsing: text, sourceName: "many.xml"), maxProblems: .max).errorCount
        try #require(figures > Schema.defaultMaxProblems)
        let outcome = auditor.audit(data: Data(text.utf8), name: "many.xml")
        #expect(outcome.audit.decision == .notAuditable)
        let problems = outcome.audit.structuralProblems
        #expect(problems.count == Schema.defaultMaxProblems + 1)
        #expect(problems.last?.message == "and \(figures - Schema.defaultMaxProblems) more problems not listed")
        #expect(outcome.audit.steps.first?.detail.contains("(\(figures) problems)") == true)
        #expect(outcome.timings.parse > .zero)
        #expect(outcome.timings.validate > .zero)
    }
}

@Suite("An audit past its time limit is not auditable, and says why")
struct AuditTimeLimitTests {
    @Test("The criteria stop at the auditor's time limit; the submission is not auditable with the reason")
    func timeLimit() throws {
        var auditor = try ExampleDecisionTests.auditor.get()
        auditor.evaluationTimeLimit = .zero
        let audit = auditor.audit(file: ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/nordlys-outdoor.xml").path)
            .audit
        #expect(audit.decision == .notAuditable)
        #expect(audit.structuralProblems.first?.message.contains("took longer than the limit") == true, "\(audit.structuralProblems)")
        #expect(Auditor.defaultEvaluationTimeLimit == .seconds(60))
    }
}
