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
    static let auditDate: CalendarDate = "2026-06-30"

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
            #expect(audit.knockouts.contains(Knockout(code: knockout)), "\(knockout) in \(audit.knockouts)")
        }
        #expect(!audit.referrals.isEmpty)
        #expect(audit.correctiveActions.first?.severity == .knockout)
    }

    @Test("Concealed sites and excessive hours: FL-DATA-08 is a knock-out and FL-HOURS-01 fails")
    func concealment() throws {
        let audit = try Self.audit("van-rijn-fresh.xml")
        #expect(audit.knockouts.contains(.criterion("FL-DATA-08")))
        #expect(audit.criteria.first { $0.id == "FL-HOURS-01" }?.status == .fail)
    }

    @Test("Partly reimbursed fees with a plan: the fees knock-out passes, the majors do not")
    func partlyReimbursed() throws {
        let audit = try Self.audit("hallbeck-elektronik.xml")
        #expect(!audit.knockouts.contains(.criterion("FL-FEES-01")))
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

    @Test("FL-DATA-05's count of employees and workers reads in the singular for one, in the plural otherwise")
    func pluralsInTheHeadcountMessage() throws {
        let audit = try Self.audit("template.xml")
        let messages = audit.criteria.first { $0.id == "FL-DATA-05" }?.findings.map(\.message) ?? []
        #expect(
            messages.contains(
                "Example Company Ltd reports 0 employees, but its own sites have 1 worker not supplied by agencies and its "
                    + "subsidiaries 0 employees."), "\(messages)")
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

/// #12: a corrective action plan worth following.
@Suite("Corrective actions: one per problem, with owner, verification, the firm's own action and consistent dates")
struct CorrectiveActionPlanTests {
    @Test("Each problem (criterion, site, missing data or not) has one action, answering all its findings")
    func onePerProblem() throws {
        for name in ["southern-cross-seafoods.xml", "van-rijn-fresh.xml", "brightwell-home.xml", "hallbeck-elektronik.xml"] {
            let audit = try ExampleDecisionTests.audit(name)
            let keys = audit.correctiveActions.map { "\($0.criterion)|\($0.site ?? "")|\($0.action.hasPrefix("Report the missing data"))" }
            #expect(Set(keys).count == keys.count, "\(name) has duplicate actions")
            let answered = audit.correctiveActions.reduce(0) { $0 + $1.findings.count }
            let findings = audit.criteria.filter { $0.status == .fail || $0.status == .notEvaluable }.flatMap(\.findings)
            // Advisory findings need no action, and gate findings none either: the gate decides auditability.
            #expect(
                answered == findings.filter { $0.severity != .advisory && $0.severity != .gate }.count,
                "\(name): every finding is answered once")
        }
    }

    @Test("A firm's own action within the scheme's limit keeps its date and status")
    func firmActionKeepsItsDate() throws {
        let audit = try ExampleDecisionTests.audit("hallbeck-elektronik.xml")
        let fees = try #require(audit.correctiveActions.first { $0.criterion == "FL-FEES-02" })
        #expect(fees.due == "2026-07-31")
        #expect(fees.status == "in-progress")
        #expect(fees.firmAction?.hasPrefix("CA-PPA-01: Repay all fees") == true)
        #expect(fees.owner?.hasPrefix("Penang Precision Assembly") == true)
        #expect(fees.verification?.contains("follow-up") == true)
        #expect(fees.dueNote == nil)
    }

    @Test("The same money gets the same date under the knock-out and the major; an overdue own date is replaced and said so")
    func feeRepaymentDates() throws {
        let audit = try ExampleDecisionTests.audit("southern-cross-seafoods.xml")
        let knockout = try #require(audit.correctiveActions.first { $0.criterion == "FL-FEES-01" })
        let major = try #require(audit.correctiveActions.first { $0.criterion == "FL-FEES-02" })
        #expect(knockout.due == "2026-09-28" && major.due == "2026-09-28")
        #expect(knockout.containmentDue == "2026-07-07")
        let documents = try #require(audit.correctiveActions.first { $0.criterion == "FL-DOCS-01" })
        #expect(documents.due == "2026-07-30")
        #expect(documents.dueNote == "the firm's own date, 2025-08-28, is not after the audit date; the scheme's date applies")
    }
}
