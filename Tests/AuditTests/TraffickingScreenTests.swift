import Testing

@testable import Audit

/// DOMAIN §7 (revised): a referral needs the act, the means, and the purpose evidenced by a
/// finding of involuntariness and a different one of menace of penalty, one of them a
/// knock-out, with one finding never standing for both means and purpose.
@Suite("Referral notices only where act, means and purpose are evidenced; escalation where only act and means are")
struct TraffickingScreenTests {
    typealias Finding = TraffickingScreen.SiteFinding

    static let documentsHeld = Finding(
        citation: "FL-DOCS-01 (line 10): 30 passports held", isKnockout: true, elements: [.means],
        dimensions: [.involuntariness, .menaceOfPenalty])
    static let feesUnreimbursed = Finding(
        citation: "FL-FEES-01 (line 11): fees not repaid", isKnockout: true, elements: [.means], dimensions: [.involuntariness])
    static let wagesHeld = Finding(
        citation: "FL-WAGE-02 (line 12): wages held to contract end", isKnockout: true, elements: [.means], dimensions: [.menaceOfPenalty])
    static let contractLanguage = Finding(
        citation: "FL-CONT-01 (line 13): 92 % of contracts in the worker's language", isKnockout: false, elements: [.means], dimensions: [])
    static let longHours = Finding(
        citation: "FL-HOURS-01 (line 14): 72 hours a week", isKnockout: false, elements: [], dimensions: [.involuntariness])
    static let payLate = Finding(
        citation: "FL-WAGE-01 (line 15): paid 40 days late", isKnockout: false, elements: [], dimensions: [.menaceOfPenalty])
    static let threats = Finding(
        citation: "FL-COER-01 (line 16): threats of denunciation", isKnockout: true, elements: [.means], dimensions: [.menaceOfPenalty])

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let act: Bool
        let children: Bool
        let findings: [Finding]
        let expected: TraffickingNotice.Kind?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "30 passports held alone: withheld, escalated, not referred", act: true, children: false, findings: [documentsHeld],
            expected: .escalation),
        Case(
            name: "fees unreimbursed alone: escalated, not referred", act: true, children: false, findings: [feesUnreimbursed],
            expected: .escalation),
        Case(
            name: "wages held at the firm's own site alone: escalated", act: true, children: false, findings: [wagesHeld],
            expected: .escalation),
        Case(
            name: "a contract-language shortfall is means, never purpose", act: true, children: false, findings: [contractLanguage],
            expected: .escalation),
        Case(name: "a single indicator with no act: nothing", act: false, children: false, findings: [documentsHeld], expected: nil),
        Case(
            name: "hours and late pay, no means and no act finding: nothing", act: false, children: false, findings: [longHours, payLate],
            expected: nil),
        Case(name: "act with hours alone (no means): nothing", act: true, children: false, findings: [longHours], expected: nil),
        Case(
            name: "documents held and wages held: means and purpose would need one finding twice", act: true, children: false,
            findings: [documentsHeld, wagesHeld], expected: .escalation),
        Case(
            name: "fees, documents and wages held: means, involuntariness and menace each by its own finding", act: true, children: false,
            findings: [feesUnreimbursed, documentsHeld, wagesHeld], expected: .referral),
        Case(
            name: "contract language, hours and threats: three findings, the menace a knock-out", act: true, children: false,
            findings: [contractLanguage, longHours, threats], expected: .referral),
        Case(
            name: "means, hours and late pay: purpose without a knock-out is escalated", act: true, children: false,
            findings: [contractLanguage, longHours, payLate], expected: .escalation),
        Case(
            name: "the full pattern without an act: nothing", act: false, children: false,
            findings: [feesUnreimbursed, documentsHeld, wagesHeld], expected: nil),
        Case(
            name: "a child worker: no means needed, involuntariness and a knock-out menace refer", act: true, children: true,
            findings: [longHours, threats], expected: .referral),
        Case(
            name: "a child worker with one finding of both dimensions: escalated", act: true, children: true, findings: [documentsHeld],
            expected: .escalation),
        Case(name: "a child worker and no finding: nothing", act: true, children: true, findings: [], expected: nil),
    ]

    static let particulars = SiteParticulars(
        id: "S1", name: "Packhouse", operatorName: "Operator BV", address: "Street 1, Town", country: "NL", line: 5, workers: 310,
        migrantWorkers: 200, nationalities: [.init(code: "RO", workers: 150), .init(code: "PL", workers: 50)],
        languages: [.init(code: "ro", workers: 150)],
        intermediaries: [
            .init(kind: "recruiter", name: "Agency SRL", country: "RO", licence: nil, recruitsIn: ["RO", "MD"], workersSupplied: 150)
        ])

    @Test("Each situation gets the notice the rule calls for", arguments: cases)
    func notice(_ case: Case) {
        var facts = TraffickingScreen.SiteFacts()
        if `case`.act { facts.act = ["200 international migrant workers (line 5)"] }
        facts.childrenInHazardousWork = `case`.children
        let notice = TraffickingScreen().notice(site: "S1", particulars: Self.particulars, facts: facts, findings: `case`.findings)
        #expect(notice?.kind == `case`.expected)
    }

    @Test("A referral names the site, the workers, the recruiters, the authorities of both countries and safeguarding")
    func referralIsUsable() throws {
        var facts = TraffickingScreen.SiteFacts()
        facts.act = ["200 international migrant workers (line 5)"]
        let notice = try #require(
            TraffickingScreen().notice(
                site: "S1", particulars: Self.particulars, facts: facts,
                findings: [Self.feesUnreimbursed, Self.documentsHeld, Self.wagesHeld]))
        #expect(notice.text.hasPrefix("Possible trafficking for forced labour at site S1 (Packhouse, Netherlands (NL))"))
        #expect(notice.involuntariness.count == 2 && notice.menaceOfPenalty.count == 2 && notice.means.count == 3)
        #expect(notice.competentAuthorities.count == 4)
        #expect(notice.competentAuthorities[0].hasPrefix("In Netherlands (NL), where the site is: the labour inspectorate"))
        #expect(notice.competentAuthorities.dropFirst().map { $0.prefix(12) } == ["In Romania (", "In Moldova (", "In Poland (P"])
        #expect(notice.safeguarding.contains { $0.contains("Do not alert the suspected exploiter") })
        #expect(notice.safeguarding.contains { $0.contains("Non-punishment") && $0.contains("P029 Art. 4(2)") })
    }

    @Test("Many findings of each kind are searched without trying every combination, and still find the one that works")
    func manyFindings() {
        let decoys = (0..<500).map { index in
            Finding(
                citation: "FL-DOCS-01 (line \(index)): held", isKnockout: true, elements: [.means],
                dimensions: [.involuntariness, .menaceOfPenalty])
        }
        // Every decoy can be any of the three; three of them make a referral.
        #expect(TraffickingScreen.pattern(in: decoys, needsMeans: true) != nil)
        #expect(TraffickingScreen.pattern(in: Array(decoys.prefix(2)), needsMeans: true) == nil)
        #expect(TraffickingScreen.pattern(in: Array(decoys.prefix(2)), needsMeans: false) != nil)
    }
}
