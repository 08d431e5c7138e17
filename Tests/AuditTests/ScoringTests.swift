import AuditReports
import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// The decision rules on a miniature world (Fixtures/scoring): a tiny submission schema in the
/// real namespace, one pack with a knock-out, three majors tied to different ILO indicators, a
/// minor, an advisory report, a gate and `.data` evidence checks, and a scheme with two themes
/// (AA 60%, BB 40%). Expected figures are worked out by hand from the scheme's formulas.
@Suite("Scoring and the label decision")
struct ScoringTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/scoring")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func auditor(date: CalendarDate = "2026-06-30") throws -> Auditor {
        let schemeSchema = try Schema(contentsOfFile: repository.appendingPathComponent("Schemas/scheme.xsd").path)
        let scheme = try LabelScheme(
            contentsOfFile: folder.appendingPathComponent("library/schemes/mini-1.0.xml").path, schemeSchema: schemeSchema)
        return try Auditor(
            library: SchemaLibrary(directory: folder.appendingPathComponent("library").path), scheme: scheme, auditDate: date)
    }

    static func audit(_ name: String) throws -> Audit {
        try auditor().audit(file: folder.appendingPathComponent("submissions/\(name).xml").path).audit
    }

    func status(_ audit: Audit, _ id: String) -> CriterionStatus? {
        audit.criteria.first { $0.id == id }?.status
    }

    @Test("A submission meeting every criterion is granted with 100, valid 24 months less a day")
    func granted() throws {
        let audit = try Self.audit("granted")
        #expect(audit.decision == .granted)
        #expect(audit.score == 100)
        #expect(audit.themes.map(\.score) == [100, 100])
        #expect(audit.validUntil == "2028-06-29")
        #expect(audit.surveillanceDue == "2027-06-30")
        #expect(audit.correctiveActions.isEmpty)
        #expect(audit.pathToNextOutcome.isEmpty)
        // An advisory observation is reported but neither scored nor a corrective action.
        #expect(status(audit, "T-ADV-01") == .fail)
        #expect(audit.criteria.first { $0.id == "T-ADV-01" }?.findings.first?.message == "Site B: only 1 hours of training.")
        #expect(audit.steps.map(\.passed) == [true, true, true, true, true])
        #expect(audit.submission.organisation == "Test Firm & Co")
        #expect(audit.submission.sha256.count == 64)
    }

    @Test("One failed major gives a conditional label: theme AA 50, total 70.0, an action due in 90 days")
    func conditional() throws {
        let audit = try Self.audit("conditional")
        #expect(audit.decision == .conditional)
        #expect(audit.themes.map(\.score) == [50, 100])
        #expect(audit.score == 70)
        #expect(audit.themes.map(\.contribution) == [30, 40])
        #expect(status(audit, "T-MAJ-01") == .fail)
        #expect(audit.correctiveActions.map(\.criterion) == ["T-MAJ-01"])
        #expect(audit.correctiveActions.first?.due == "2026-09-28")
        #expect(audit.correctiveActions.first?.site == "A")
        #expect(audit.correctiveActions.first?.action == "Plan capacity; hire.")
        #expect(audit.pathToNextOutcome.map(\.criterion) == ["T-MAJ-01"])
        #expect(audit.pathToNextOutcome.first?.scoreGain == 30)
        // The one fix earns the full label, and the firm is told so.
        #expect(audit.pathReaches == .granted)
        #expect(AuditCheckReport.text(for: audit).contains("To qualify for the full label, fix these first"))
        #expect(audit.validUntil == "2027-06-29")
        #expect(
            audit.steps.last?.detail.contains(
                "short of a full label because score 70.0 < 80, theme AA 50.0 < 60, 1 failed major criteria > 0.") == true)
    }

    @Test(
        "A knock-out withholds the label whatever the score; one knock-out of both dimensions is no referral, only an escalation for review"
    )
    func knockout() throws {
        let audit = try Self.audit("withheld-knockout")
        #expect(audit.decision == .withheld)
        #expect(audit.knockouts == [.criterion("T-KO-01")])
        // AA: 3 of 6 points = 50; BB: 4 of 7 = 57.142857…; total 30 + 22.857… = 52.857… → 52.9.
        #expect(audit.themes.map(\.score) == [50, 57.1])
        #expect(audit.score == 52.9)
        #expect(audit.themes.map(\.contribution) == [30, 22.9])
        #expect(audit.correctiveActions.map(\.criterion) == ["T-KO-01", "T-MAJ-02"])
        #expect(audit.correctiveActions.first?.containmentDue == "2026-07-07")
        #expect(audit.correctiveActions.first?.due == "2026-07-30")
        #expect(audit.pathToNextOutcome.map(\.criterion) == ["T-KO-01"])
        // The knock-out shows involuntariness and menace of penalty, and is a means too: one
        // finding never stands for both the means and the purpose.
        #expect(audit.referrals.isEmpty)
        let escalation = try #require(audit.escalations.first)
        #expect(audit.escalations.count == 1)
        #expect(escalation.kind == .escalation)
        #expect(escalation.site == "A")
        #expect(escalation.act.count == 1 && escalation.act[0].contains("international migrant workers"))
        #expect(escalation.means.count == 2)
        #expect(escalation.involuntariness.count == 1 && escalation.menaceOfPenalty.count == 1)
        #expect(escalation.text.hasPrefix("Escalation for review at site A"))
    }

    @Test("Failed majors tied to three ILO indicators at one site count as a knock-out (indicator cluster)")
    func cluster() throws {
        let audit = try Self.audit("withheld-cluster")
        #expect(audit.decision == .withheld)
        #expect(audit.knockouts == [.indicatorCluster(site: "A")])
        #expect(audit.steps[2].detail.contains("indicator cluster at site A: failed majors tied to I11, I2, I8"))
        #expect(audit.score == 35.7)
        #expect(audit.pathToNextOutcome.map(\.criterion) == ["T-MAJ-01", "T-MAJ-02", "T-MAJ-03"])
        #expect(audit.referrals.isEmpty, "no act of trafficking is evidenced at the site")
    }

    @Test("Missing data makes a criterion not evaluable: it scores nothing and gets an action to report the data")
    func notEvaluable() throws {
        let audit = try Self.audit("missing-hours")
        #expect(status(audit, "T-MAJ-01") == .notEvaluable)
        #expect(audit.decision == .conditional)
        #expect(audit.score == 70)
        #expect(audit.steps[1].detail.hasPrefix("1 of 5 applicable scored criteria lack their data (20%"))
        #expect(audit.correctiveActions.first?.action == "Report the missing data (Site A: no maxTotalWeeklyHours.)")
    }

    @Test("A knock-out criterion without its data makes the submission not auditable: missing evidence never earns a label")
    func knockoutWithoutData() throws {
        let audit = try Self.audit("missing-documents")
        #expect(audit.decision == .notAuditable)
        #expect(status(audit, "T-KO-01") == .notEvaluable)
        #expect(audit.steps[1].passed == false)
        #expect(audit.pathToNextOutcome.map(\.criterion) == ["T-KO-01"])
    }

    @Test("A failed gate makes the submission not auditable")
    func gate() throws {
        let audit = try Self.audit("gate")
        #expect(audit.decision == .notAuditable)
        #expect(audit.steps[1].detail.hasPrefix("Gate criteria failed: T-GATE-01."))
        #expect(audit.validUntil == nil)
    }

    @Test(
        "Documents that are not well-formed, invalid or missing are not auditable, with their problems and lines",
        arguments: [("not-well-formed", 4), ("invalid", 3), ("no-such-file", 0)])
    func structure(name: String, line: Int) throws {
        let audit = try Self.audit(name)
        #expect(audit.decision == .notAuditable)
        #expect(audit.criteria.isEmpty && audit.score == nil)
        #expect(audit.structuralProblems.first?.location.line == (line == 0 ? nil : line))
        #expect(audit.couldNotBeRead == (line == 0))
        #expect(audit.steps.first?.passed == false)
    }

    @Test("The same submission and audit date give the same audit, and the same JSON bytes")
    func deterministic() throws {
        let first = try Self.audit("withheld-knockout")
        let second = try Self.audit("withheld-knockout")
        #expect(first == second)
        #expect(AuditJSONReport.document(for: first) == AuditJSONReport.document(for: second))
    }

    @Test("Scheme parameters reach the packs: a 75-hour cap passes 72 hours")
    func parameters() throws {
        let schemeSchema = try Schema(contentsOfFile: Self.repository.appendingPathComponent("Schemas/scheme.xsd").path)
        let original = try String(contentsOf: Self.folder.appendingPathComponent("library/schemes/mini-1.0.xml"), encoding: .utf8)
        let file = Self.folder.appendingPathComponent("library/schemes/.mini-75-\(UUID().uuidString).xml")
        try original.replacingOccurrences(of: "value=\"60\"", with: "value=\"75\"").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let scheme = try LabelScheme(contentsOfFile: file.path, schemeSchema: schemeSchema)
        let auditor = try Auditor(
            library: SchemaLibrary(directory: Self.folder.appendingPathComponent("library").path), scheme: scheme, auditDate: "2026-06-30")
        let audit = auditor.audit(file: Self.folder.appendingPathComponent("submissions/conditional.xml").path).audit
        #expect(audit.decision == .granted)
        #expect(audit.criteria.first { $0.id == "T-MAJ-01" }?.parameters == ["maxHours=75"])
    }
}
