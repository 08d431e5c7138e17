import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// Situations a practitioner would put to the auditor (`Fixtures/situations/situations.json`):
/// each edits the granted example to tell one story, and states the decision, the knock-outs
/// and which sites get a referral notice or an escalation for review. Each side of the
/// trafficking rule has one: single indicators, act and means only, the full pattern, a child
/// worker, and a knock-out that leaving data out cannot hide.
@Suite("Situations: decisions, knock-outs, referrals and escalations a practitioner would sign")
struct SituationTests {
    struct Situation: Decodable, Sendable, CustomTestStringConvertible {
        struct Edit: Decodable, Sendable {
            /// The site whose `<site>` element the edit is confined to; the whole document when nil.
            let within: String?
            let find: String
            let replace: String
        }

        struct Expectation: Decodable, Sendable {
            let decision: Decision
            let knockouts: [String]
            let referrals: [String]
            let escalations: [String]
        }

        let name: String
        let story: String
        let base: String
        let edits: [Edit]
        let expect: Expectation
        var testDescription: String { "\(name): \(story)" }
    }

    static let situations: [Situation] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/situations/situations.json")
        guard let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONDecoder().decode([Situation].self, from: data)) ?? []
    }()

    @Test("The situations file is there and covers every side of the rule")
    func situationsLoad() {
        #expect(Self.situations.count >= 10)
        #expect(Self.situations.contains { !$0.expect.referrals.isEmpty })
        #expect(Self.situations.contains { !$0.expect.escalations.isEmpty })
        #expect(Self.situations.contains { $0.expect.decision == .notAuditable })
    }

    @Test("Each situation gets its decision, knock-outs, referrals and escalations", arguments: situations)
    func situation(_ situation: Situation) throws {
        let auditor = try ExampleDecisionTests.auditor.get()
        var text = try String(
            contentsOfFile: ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/\(situation.base)").path,
            encoding: .utf8)
        for edit in situation.edits {
            var range = text.startIndex..<text.endIndex
            if let site = edit.within {
                let open = try #require(text.range(of: "<site id=\"\(site)\""), "no site \(site)")
                let close = try #require(text.range(of: "</site>", range: open.upperBound..<text.endIndex))
                range = open.lowerBound..<close.upperBound
            }
            let block = String(text[range])
            let occurrences = block.components(separatedBy: edit.find).count - 1
            try #require(occurrences == 1, "`\(edit.find.prefix(60))` occurs \(occurrences) times")
            text.replaceSubrange(range, with: block.replacingOccurrences(of: edit.find, with: edit.replace))
        }
        let audit = auditor.audit(data: Data(text.utf8), name: situation.name + ".xml").audit
        try #require(audit.structuralProblems.isEmpty, "not valid: \(audit.structuralProblems.map(\.description))")
        #expect(audit.decision == situation.expect.decision, "\(audit.steps.map(\.detail))")
        #expect(Set(audit.knockouts.map(\.code)) == Set(situation.expect.knockouts))
        #expect(audit.referrals.map(\.site) == situation.expect.referrals)
        #expect(audit.escalations.map(\.site) == situation.expect.escalations)
        if !audit.knockouts.isEmpty, audit.steps.contains(where: { $0.number == 2 && !$0.passed }) {
            // The missing data is still listed beside the knock-out.
            #expect(audit.steps.last?.detail.contains("Data is missing as well") == true)
        }
    }
}
