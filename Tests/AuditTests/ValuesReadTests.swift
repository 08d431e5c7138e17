import Foundation
import Testing

@testable import Audit

/// #12 and DOMAIN §7 ("Explainability"): every criterion, passed ones too, records what its
/// checks read where they held, so an auditor sees why it passed.
@Suite("Values read")
struct ValuesReadTests {
    @Test("A passed criterion shows the fields its checks read, with line, path and value")
    func passedCriterion() throws {
        let audit = try ExampleDecisionTests.audit("nordlys-outdoor.xml")
        let fees = try #require(audit.criteria.first { $0.id == "FL-FEES-01" })
        #expect(fees.status == .pass)
        #expect(
            fees.valuesRead.contains { $0.hasPrefix("line ") && $0.contains("/workforce/recruitment/workersPaidFees = 0") },
            "\(fees.valuesRead)")
    }

    @Test("A data check records that the block its criterion needs is given")
    func dataChecks() throws {
        let audit = try ExampleDecisionTests.audit("nordlys-outdoor.xml")
        let contracts = try #require(audit.criteria.first { $0.id == "FL-CONT-01" })
        #expect(contracts.valuesRead.contains { $0.hasSuffix("/workforce/contracts = given") }, "\(contracts.valuesRead)")
    }

    @Test("No more than the set number of places per check, and none when it is 0", arguments: [0, 1])
    func limit(perCheck: Int) throws {
        var auditor = try ExampleDecisionTests.auditor.get()
        auditor.valuesReadPerCheck = perCheck
        let file = ExampleDecisionTests.repository.appendingPathComponent("Schemas/examples/nordlys-outdoor.xml").path
        let audit = auditor.audit(file: file).audit
        let full = try ExampleDecisionTests.audit("nordlys-outdoor.xml")
        for (limited, all) in zip(audit.criteria, full.criteria) {
            let checks = auditor.packs.criterion(limited.id)?.checks.count ?? 0
            #expect(limited.valuesRead.count <= perCheck * checks)
            #expect(Set(limited.valuesRead).isSubset(of: Set(all.valuesRead)))
        }
        if perCheck == 0 { #expect(audit.criteria.allSatisfy { $0.valuesRead.isEmpty }) }
        // The decision does not depend on what is recorded.
        #expect(audit.decision == full.decision && audit.score == full.score)
    }
}
