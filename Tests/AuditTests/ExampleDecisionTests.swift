import AuditReports
import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// The shipped examples under the default scheme and criteria packs: each gets the decision its
/// story calls for (Schemas/README.md tells the stories).
@Suite("The shipped examples get the decisions their stories call for")
struct ExampleDecisionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let auditDate = "2026-06-30"

    static let auditor: Result<Auditor, any Error> = Result {
        let library = try SchemaLibrary(directory: repository.appendingPathComponent("Schemas").path)
        let scheme = try SchemeCatalogue(library: library).scheme(nil, effectiveOn: auditDate)
        return try Auditor(library: library, scheme: scheme, auditDate: auditDate)
    }

    static func audit(_ name: String) throws -> Audit {
        try auditor.get().audit(file: repository.appendingPathComponent("Schemas/examples/\(name)").path).audit
    }

    @Test(
        "Each example's decision",
        arguments: [
            ("nordlys-outdoor.xml", Decision.granted),
            ("hallbeck-elektronik.xml", .conditional),
            ("maple-and-loom.xml", .conditional),
            ("southern-cross-seafoods.xml", .withheld),
            ("van-rijn-fresh.xml", .withheld),
            ("brightwell-home.xml", .notAuditable),
        ])
    func decision(file: String, expected: Decision) throws {
        let audit = try Self.audit(file)
        #expect(audit.decision == expected, "\(file): \(audit.steps.map(\.detail).joined(separator: " | "))")
    }

    @Test("The firm that deserves the label fails no criterion")
    func goodFirm() throws {
        let audit = try Self.audit("nordlys-outdoor.xml")
        let failed = audit.criteria.filter { ($0.status == .fail || $0.status == .notEvaluable) && $0.severity != .advisory }
        #expect(failed.map(\.id) == [], "\(failed.flatMap(\.findings).map(\.message))")
        #expect((audit.score ?? 0) >= 80)
    }

    @Test("Retained passports and binding debt: knock-outs and a referral notice for the Thai site")
    func boundWorkers() throws {
        let audit = try Self.audit("southern-cross-seafoods.xml")
        for knockout in ["FL-DOCS-01", "FL-DEBT-02", "FL-WAGE-02", "FL-COER-01"] {
            #expect(audit.knockouts.contains(knockout), "\(knockout) in \(audit.knockouts)")
        }
        #expect(!audit.referrals.isEmpty)
        #expect(audit.correctiveActions.first?.severity == .knockout)
    }

    @Test("Concealed sites and excessive hours: FL-DATA-08 is a knock-out and FL-HOURS-01 fails")
    func concealment() throws {
        let audit = try Self.audit("van-rijn-fresh.xml")
        #expect(audit.knockouts.contains("FL-DATA-08"))
        #expect(audit.criteria.first { $0.id == "FL-HOURS-01" }?.status == .fail)
    }

    @Test("Partly reimbursed fees with a plan: the fees knock-out passes, the majors do not")
    func partlyReimbursed() throws {
        let audit = try Self.audit("hallbeck-elektronik.xml")
        #expect(!audit.knockouts.contains("FL-FEES-01"))
        let failed = Set(audit.criteria.filter { $0.status == .fail }.map(\.id))
        #expect(failed.isSuperset(of: ["FL-FEES-02", "FL-FEES-03", "FL-CONT-02"]), "\(failed.sorted())")
        #expect(audit.correctiveActions.allSatisfy { $0.due > Self.auditDate })
    }

    @Test("A thin submission is not auditable and says what data to add")
    func thinData() throws {
        let audit = try Self.audit("brightwell-home.xml")
        #expect(!audit.pathToNextOutcome.isEmpty)
        #expect(audit.steps[1].passed == false)
    }

    @Test("The packs implement the whole catalogue: at least 40 criteria, every one in a theme of the default scheme")
    func catalogue() throws {
        let auditor = try Self.auditor.get()
        let ids = auditor.packs.criteria.map(\.id)
        #expect(ids.count >= 40)
        let themed = Set(auditor.scheme.themes.flatMap(\.criteria))
        #expect(Set(ids) == themed)
        for criterion in auditor.packs.criteria {
            #expect(!criterion.title.isEmpty && criterion.title != criterion.id, "\(criterion.id) has no title")
            #expect(!criterion.guidance.isEmpty, "\(criterion.id) has no guidance")
            #expect(!criterion.legalSources.isEmpty, "\(criterion.id) has no legal source")
        }
    }

    @Test("Auditing twice gives byte-identical JSON, XML and SVRL reports")
    func determinism() throws {
        let auditor = try Self.auditor.get()
        let file = Self.repository.appendingPathComponent("Schemas/examples/southern-cross-seafoods.xml").path
        let first = auditor.audit(file: file)
        let second = auditor.audit(file: file)
        #expect(AuditJSONReport.document(for: first.audit) == AuditJSONReport.document(for: second.audit))
        #expect(AuditSVRLReport.document(for: first, packs: auditor.packs) == AuditSVRLReport.document(for: second, packs: auditor.packs))
    }
}
