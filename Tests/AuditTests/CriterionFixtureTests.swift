import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// Every criterion proved on real submissions: `Fixtures/criteria/cases.json` lists, per
/// criterion, edits to a shipped example that satisfy it and edits that break it; each edited
/// document must stay valid and give the criterion the expected status.
@Suite("Every criterion has a submission that satisfies it and one that breaks it")
struct CriterionFixtureTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct Edit: Decodable, Sendable {
            let find: String
            let replace: String
            let count: Int?
        }

        let criterion: String
        let base: String
        let expect: String
        let fails: [String]?
        let edits: [Edit]
        let why: String?

        var testDescription: String { "\(criterion) \(expect): \(why ?? "")" }
    }

    static let cases: [Case] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/criteria/cases.json")
        guard let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONDecoder().decode([Case].self, from: data)) ?? []
    }()

    @Test("The fixture file is there and readable")
    func fixturesLoad() {
        #expect(!Self.cases.isEmpty)
    }

    @Test("Each criterion has at least one satisfying and one breaking case")
    func coverage() throws {
        let auditor = try ExampleDecisionTests.auditor.get()
        for criterion in auditor.packs.criteria {
            let mine = Self.cases.filter { $0.criterion == criterion.id }
            #expect(mine.contains { $0.expect == "pass" }, "\(criterion.id) has no satisfying case")
            #expect(mine.contains { $0.expect != "pass" }, "\(criterion.id) has no breaking case")
        }
    }

    @Test("The edited submission gives the criterion the expected status", arguments: cases)
    func criterionCase(_ testCase: Case) throws {
        let auditor = try ExampleDecisionTests.auditor.get()
        let basePath = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/\(testCase.base)").path
        var text = try String(contentsOfFile: basePath, encoding: .utf8)
        for edit in testCase.edits {
            let occurrences = text.components(separatedBy: edit.find).count - 1
            try #require(occurrences == (edit.count ?? 1), "`\(edit.find)` occurs \(occurrences) times in \(testCase.base)")
            text = text.replacingOccurrences(of: edit.find, with: edit.replace)
        }
        let audit = auditor.audit(data: Data(text.utf8), name: "\(testCase.criterion)-\(testCase.expect).xml").audit
        try #require(audit.structuralProblems.isEmpty, "the edited document is not valid: \(audit.structuralProblems.map(\.description))")
        let result = try #require(audit.criteria.first { $0.id == testCase.criterion })
        switch testCase.expect {
        case "pass":
            #expect(result.status == .pass, "\(result.findings.map(\.message))")
        case "not-evaluable":
            #expect(result.status == .notEvaluable, "\(result.status): \(result.findings.map(\.message))")
        default:
            #expect(result.status == .fail, "\(result.status)")
            let failed = Set(result.findings.map(\.assertion))
            for id in testCase.fails ?? [testCase.criterion] {
                #expect(failed.contains(id), "\(id) did not fail; failed: \(failed.sorted())")
            }
        }
    }
}
