import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// #12: good practices observed, as SA8000, SMETA and RBA audit reports note them. They are
/// reports with `role="good-practice"` in the packs: noted with the field that shows them, and
/// never scored.
@Suite("Good practices observed")
struct GoodPracticeTests {
    @Test("The granted example's good practices are noted, each with its site and the line of its field")
    func grantedExample() throws {
        let audit = try ExampleDecisionTests.audit("nordlys-outdoor.xml")
        let practices = try #require(audit.goodPractices)
        let fees = try #require(practices.first { $0.id == "GP-FEES-01" && $0.site == "SITE-FORMOSA" }, "\(practices)")
        #expect(fees.message.contains("96 workers recruited through intermediaries paid no fee"))
        #expect(fees.location.hasSuffix("/workforce/recruitment/workersPaidFees"))
        #expect(fees.line > 1)
        let mechanism = try #require(practices.first { $0.id == "GP-GRM-01" })
        #expect(mechanism.site == nil)
        #expect(mechanism.message.contains("Clearvoice Worker Helpline Foundation"))
        // An audit belongs to the site it names.
        #expect(practices.contains { $0.id == "GP-DD-01" && $0.site == "SITE-MINHPHAT" && $0.message.contains("heard 14 of its 52") })
    }

    @Test("Fees found and repaid in full, and pay well above the minimum, are noted")
    func repaidFeesAndPay() throws {
        let path = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/nordlys-outdoor.xml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: """
                    <workersPaidFees>0</workersPaidFees>
                              <feesPaidTotal currency="TWD">0</feesPaidTotal>
                              <feesPaidMaxPerWorker currency="TWD">0</feesPaidMaxPerWorker>
                              <workersReimbursed>0</workersReimbursed>
                              <feesReimbursedTotal currency="TWD">0</feesReimbursedTotal>
                    """,
                with: """
                    <workersPaidFees>12</workersPaidFees>
                              <feesPaidTotal currency="TWD">540000</feesPaidTotal>
                              <feesPaidMaxPerWorker currency="TWD">45000</feesPaidMaxPerWorker>
                              <workersReimbursed>12</workersReimbursed>
                              <feesReimbursedTotal currency="TWD">540000</feesReimbursedTotal>
                    """
            )
            .replacingOccurrences(
                of: #"<lowestMonthlyPay currency="EUR">870</lowestMonthlyPay>"#,
                with: #"<lowestMonthlyPay currency="EUR">1025</lowestMonthlyPay>"#)
        let audit = try ExampleDecisionTests.auditor.get().audit(data: Data(text.utf8), name: "edited.xml").audit
        let practices = try #require(audit.goodPractices)
        #expect(
            practices.contains {
                $0.id == "GP-FEES-02" && $0.site == "SITE-FORMOSA"
                    && $0.message.contains("12 workers paid (TWD 540000) were found and repaid")
            }, "\(practices)")
        // Repaid fees are no longer "no fee paid".
        #expect(!practices.contains { $0.id == "GP-FEES-01" && $0.site == "SITE-FORMOSA" })
        #expect(
            practices.contains {
                $0.id == "GP-WAGE-01" && $0.site == "SITE-TEXAVE"
                    && $0.message.contains("EUR 1025, is 25 % above the legal minimum (EUR 820)")
            }, "\(practices)")
    }

    @Test(
        "Without the good-practice patterns every example gets the same decision, score and criteria",
        arguments: ["nordlys-outdoor.xml", "hallbeck-elektronik.xml", "southern-cross-seafoods.xml", "van-rijn-fresh.xml"])
    func neverScored(example: String) throws {
        let without = try Self.auditorWithoutGoodPractices.get()
        let file = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/\(example)").path
        let noted = try ExampleDecisionTests.audit(example)
        let plain = without.audit(file: file).audit
        #expect(plain.goodPractices == [])
        #expect(plain.decision == noted.decision)
        #expect(plain.score == noted.score)
        #expect(plain.knockouts == noted.knockouts)
        #expect(plain.criteria.map(\.status) == noted.criteria.map(\.status))
        #expect(plain.correctiveActions == noted.correctiveActions)
    }

    /// The shipped library, copied, with every pack's `good-practices` pattern removed.
    static let auditorWithoutGoodPractices: Result<Auditor, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-good-practices-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ExampleDecisionTests.repository.appendingPathComponent("Schemas"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let criteria = folder.appendingPathComponent("criteria")
        var removed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: criteria.path) where name.hasSuffix(".sch") {
            let pack = criteria.appendingPathComponent(name)
            var text = try String(contentsOf: pack, encoding: .utf8)
            guard let start = text.range(of: "  <sch:pattern id=\"good-practices\">"),
                let end = text.range(of: "</sch:pattern>\n", range: start.upperBound..<text.endIndex)
            else { continue }
            text.removeSubrange(start.lowerBound..<end.upperBound)
            try Data(text.utf8).write(to: pack)
            removed += 1
        }
        guard removed == 4 else { throw CocoaError(.fileReadCorruptFile) }
        let library = try SchemaLibrary(directory: folder.path)
        let scheme = try SchemeCatalogue(library: library).scheme(nil, effectiveOn: ExampleDecisionTests.auditDate)
        return try Auditor(library: library, scheme: scheme, auditDate: ExampleDecisionTests.auditDate)
    }

    @Test("A good practice written as an assert is a load error at its line")
    func assertIsRefused() throws {
        let error = #expect(throws: AuditSetupError.self) {
            try TraffickingFactTests.auditor { text in
                text.replacingOccurrences(of: "</sch:schema>", with: "") + """
                      <sch:pattern id="good-practices">
                        <sch:rule context="/*">
                          <sch:assert id="GP-MINI-01" role="good-practice" test="true()">noted</sch:assert>
                        </sch:rule>
                      </sch:pattern>
                    </sch:schema>

                    """
            }
        }
        #expect(error?.problem.contains("good practice GP-MINI-01 is an assert") == true, "\(String(describing: error))")
        #expect(error?.location?.line != nil)
    }
}
