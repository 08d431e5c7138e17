import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// #13: which data shows an act of trafficking lives in the criteria packs (reports with role
/// `fact`), hashed with them, not in Swift: a scheme owner changes the rule by editing a pack.
@Suite("Trafficking facts come from the packs")
struct TraffickingFactTests {
    /// The scoring fixtures' library, copied, with `edit` applied to its pack's text.
    static func auditor(editingPack edit: (String) -> String) throws -> Auditor {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-facts-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ScoringTests.folder.appendingPathComponent("library"), to: folder)
        // The auditor has read and compiled everything it needs once it is made.
        defer { try? FileManager.default.removeItem(at: folder) }
        let pack = folder.appendingPathComponent("criteria/mini.sch")
        try Data(edit(try String(contentsOf: pack, encoding: .utf8)).utf8).write(to: pack)
        return try DigestTests.auditor(folder)
    }

    @Test("The shipped packs report the act and children in hazardous work as facts, not criteria")
    func shippedPacks() throws {
        let auditor = try ExampleDecisionTests.auditor.get()
        let facts = auditor.packs.facts.values
        #expect(facts.filter { $0 == .act }.count == 4)
        #expect(facts.filter { $0 == .childrenInHazardousWork }.count == 1)
        #expect(!auditor.packs.criteria.contains { $0.id.hasPrefix("FACT") })
    }

    @Test("An act fact cites the field that shows it, at its line")
    func factsCiteTheirField() throws {
        let audit = try ExampleDecisionTests.audit("southern-cross-seafoods.xml")
        let act = audit.referrals.flatMap(\.act) + audit.escalations.flatMap(\.act)
        #expect(act.contains("498 international migrant workers (line 220)"), "\(act)")
        #expect(act.contains("workers housed by the employer (line 330)"), "\(act)")
    }

    @Test("Without the pack's fact, the same findings give no escalation: the rule is in the data")
    func removingTheFactRemovesTheAct() throws {
        let withFact = try Self.auditor { $0 }
        let file = ScoringTests.folder.appendingPathComponent("submissions/withheld-knockout.xml").path
        #expect(withFact.audit(file: file).audit.escalations.count == 1)
        let removed = try Self.auditor { text in
            guard let start = text.range(of: "  <sch:pattern id=\"trafficking-facts\">"),
                let end = text.range(of: "</sch:pattern>\n", range: start.upperBound..<text.endIndex)
            else { return text }
            return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
        }
        let audit = removed.audit(file: file).audit
        #expect(audit.decision == .withheld)
        #expect(audit.escalations.isEmpty && audit.referrals.isEmpty)
    }

    @Test(
        "A fact that is not a report with one known trafficking-fact property is a load error at its line",
        arguments: [
            (
                [
                    (#"<sch:report test="s:workforce"#, #"<sch:assert test="s:workforce"#),
                    ("international migrant workers</sch:report>", "international migrant workers</sch:assert>"),
                ], "is an assert"
            ),
            ([(#"role="trafficking-fact">act<"#, #"role="trafficking-fact">purpose<"#)], "which is not one of the known values"),
            ([(#"properties="fact-act""#, #"properties="ko-title""#)], "has 0 trafficking-fact properties"),
        ])
    func malformedFacts(edits: [(String, String)], problem: String) throws {
        let error = #expect(throws: AuditSetupError.self) {
            try Self.auditor { text in
                // Only the fact's own text is edited (its report and its property).
                edits.reduce(text) { text, edit in
                    guard let range = text.range(of: edit.0) else { return text }
                    return text.replacingCharacters(in: range, with: edit.1)
                }
            }
        }
        #expect(error?.problem.contains(problem) == true, "\(String(describing: error))")
        #expect(error?.location?.line != nil)
    }
}
