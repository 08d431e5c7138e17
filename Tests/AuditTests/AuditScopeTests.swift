import AuditReports
import FairlabelXML
import Foundation
import Testing

@testable import Audit

/// #12 item 6: what SA8000, SMETA and RBA reports carry and the submission already holds.
@Suite("The audit's scope, earlier findings and remediation")
struct AuditScopeTests {
    @Test("Sites carry their risk rating and the source of each block of figures")
    func sites() throws {
        let scope = try #require(try ExampleDecisionTests.audit("hallbeck-elektronik.xml").scope)
        #expect(scope.sites.count == 5)
        let supplier = try #require(scope.sites.first { $0.id == "SITE-PPA-2" })
        #expect(supplier.riskRating == "high" && supplier.operatedBySupplier)
        #expect(supplier.operatorName?.hasPrefix("Penang Precision Assembly") == true)
        #expect(supplier.dataBlocks.contains { $0.name == "recruitment" && $0.source == "third-party-audit" && $0.sampleSize == 64 })
    }

    @Test("The firm's earlier findings keep their corrective actions and status")
    func previousFindings() throws {
        let scope = try #require(try ExampleDecisionTests.audit("hallbeck-elektronik.xml").scope)
        let fees = try #require(scope.previousFindings.first { $0.id == "F-PPA-01" })
        #expect(fees.site == "SITE-PPA-2" && fees.indicators == ["I9"] && fees.workersAffected == 214)
        #expect(fees.actions == [.init(id: "CA-PPA-01", status: "in-progress", due: "2026-07-31")])
    }

    @Test("Remediation adds up per site and per currency, and the reports show it")
    func remediation() throws {
        let audit = try ExampleDecisionTests.audit("hallbeck-elektronik.xml")
        let total = try #require(audit.scope?.remediation.first { $0.site == "SITE-PPA-2" })
        #expect(total.cases == 3 && total.casesCompleted == 1)
        #expect(total.workersAffected == 896 && total.workersReached == 510)
        #expect(total.owed == [.init(currency: "USD", value: 394_900)] && total.repaid == [.init(currency: "USD", value: 174_200)])
        let html = AuditHTMLReport.document(for: audit)
        #expect(html.contains("<h2 id=\"scope-heading\">Scope</h2>"))
        #expect(html.contains("USD 394,900"))
        #expect(AuditTextReport.document(for: audit).contains("510 of 896 workers reached, owed USD 394,900, repaid USD 174,200"))
    }

    @Test("A submission that was not read as a valid document has no scope")
    func noScopeWithoutADocument() throws {
        let audit = try ExampleDecisionTests.auditor.get().audit(file: "/nonexistent/submission.xml").audit
        #expect(audit.scope == nil)
    }
}

extension AuditScopeTests {
    @Test("The XML report carries the scope and stays valid against Schemas/audit-report.xsd", arguments: BatchAuditTests.examples)
    func xmlScope(example: String) throws {
        let audit = try ExampleDecisionTests.audit(example + ".xml")
        let xml = AuditXMLReport.document(for: audit)
        let problems = try Schema(contentsOfFile: ReportFixture.schemaPath).validate(Document(parsing: xml, sourceName: example))
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(xml.contains("<scope>") == (audit.scope != nil))
    }
}

extension AuditScopeTests {
    @Test("Amounts add up exactly in decimal, however large, and are written without an exponent")
    func exactAmounts() throws {
        let document = try Document(
            parsing: """
                <remediation>
                  <case siteRef="A"><amountOwed currency="USD">0.1</amountOwed></case>
                  <case siteRef="A"><amountOwed currency="USD">0.2</amountOwed></case>
                  <case siteRef="B"><amountOwed currency="EUR">123456789012345678901234567890</amountOwed></case>
                </remediation>
                """, sourceName: "remediation.xml")
        let totals = SiteReader.remediationTotals(try #require(document.rootElement).childElements)
        #expect(totals.map(\.owed.readable) == ["USD 0.3", "EUR 123,456,789,012,345,678,901,234,567,890"])
        #expect(totals.first?.repaid.readable == "—")
    }
}
