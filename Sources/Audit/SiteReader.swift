import FairlabelXML
import Foundation

/// Reads from a valid submission, per site, the particulars the trafficking notices give
/// (operator, address, workers, intermediaries), and the firm's own corrective actions. What the
/// trafficking rule decides on, the facts of an act and of children in hazardous work, comes
/// from the criteria packs, not from here.
///
/// It walks the document's elements directly: no expression to compile, nothing that can fail
/// on a document the submission schema accepted.
struct SiteReader: Sendable {
    /// What the reader found.
    struct Sites {
        var particulars: [String: SiteParticulars] = [:]
        /// The organisation's legal name.
        var organisation: String?
        /// The corrective actions the firm's own submission records.
        var firmActions: [FirmAction] = []
        /// The sites, the firm's earlier findings and its remediation, for the reports.
        var scope = AuditScope()
    }

    /// A corrective action the firm itself records (`dueDiligence/correctiveAction`), with the
    /// site and ILO indicators of the finding it answers.
    struct FirmAction: Sendable, Hashable {
        let id: String
        let site: String?
        let indicators: Set<String>
        let action: String
        let owner: String?
        let due: String?
        let status: String?
    }

    func read(_ document: Document) -> Sites {
        var sites = Sites()
        guard let root = document.rootElement else { return sites }
        let organisation = root.child("organisation")
        let organisationName = organisation?.child("legalName")?.text
        var subsidiaries: [String: String] = [:]
        for subsidiary in organisation?.child("subsidiaries")?.children("subsidiary") ?? [] {
            if let id = subsidiary.attribute("id") { subsidiaries[id] = subsidiary.child("legalName")?.text }
        }
        let chain = root.child("supplyChain")
        var suppliers: [String: String] = [:]
        var intermediaries: [String: [SiteParticulars.Intermediary]] = [:]
        for element in chain?.childElements ?? [] {
            switch element.localName {
            case "supplier":
                if let id = element.attribute("id") { suppliers[id] = element.child("name")?.text }
            case "labourAgency", "recruiter":
                var licence: String?
                if let element = element.child("licence") {
                    var parts: [String] = []
                    if let number = element.child("number")?.text { parts.append(number) }
                    if let issuer = element.child("issuer")?.text { parts.append("issued by " + issuer) }
                    licence = parts.joined(separator: ", ")
                }
                for served in element.children("servedSite") {
                    guard let site = served.attribute("siteRef") else { continue }
                    intermediaries[site, default: []].append(
                        SiteParticulars.Intermediary(
                            kind: element.localName == "recruiter" ? "recruiter" : "labour agency", name: element.child("name")?.text ?? "",
                            country: element.child("country")?.text, licence: licence,
                            recruitsIn: element.child("recruitsIn")?.children("country").map(\.text) ?? [],
                            workersSupplied: served.child("workersSupplied").flatMap { Int($0.text) }))
                }
            default:
                break
            }
        }
        sites.organisation = organisationName
        let diligence = root.child("dueDiligence")
        var findings: [String: (site: String?, indicators: Set<String>)] = [:]
        for finding in diligence?.children("finding") ?? [] {
            guard let id = finding.attribute("id") else { continue }
            findings[id] = (finding.attribute("siteRef"), Set(finding.children("indicator").map(\.text)))
        }
        var actionsOfFinding: [String: [AuditScope.PreviousFinding.Action]] = [:]
        for action in diligence?.children("correctiveAction") ?? [] {
            if let id = action.attribute("id"), let reference = action.attribute("findingRef") {
                actionsOfFinding[reference, default: []].append(
                    .init(id: id, status: action.child("status")?.text, due: action.child("dueDate")?.text))
            }
            guard let id = action.attribute("id"), let reference = action.attribute("findingRef"), let finding = findings[reference] else {
                continue
            }
            sites.firmActions.append(
                FirmAction(
                    id: id, site: finding.site, indicators: finding.indicators, action: action.child("action")?.text ?? "",
                    owner: action.child("owner")?.text, due: action.child("dueDate")?.text, status: action.child("status")?.text))
        }
        for finding in diligence?.children("finding") ?? [] {
            guard let id = finding.attribute("id") else { continue }
            sites.scope.previousFindings.append(
                AuditScope.PreviousFinding(
                    id: id, site: finding.attribute("siteRef"), origin: finding.child("origin")?.text, date: finding.child("date")?.text,
                    severity: finding.child("severity")?.text, indicators: finding.children("indicator").map(\.text),
                    description: finding.child("description")?.text,
                    workersAffected: finding.child("workersAffected").flatMap { Int($0.text) },
                    actions: actionsOfFinding[id] ?? []))
        }
        sites.scope.remediation = Self.remediationTotals(root.child("remediation")?.children("case") ?? [])
        for site in chain?.children("site") ?? [] {
            guard let id = site.attribute("id") else { continue }
            let workforce = site.child("workforce")
            let headcount = workforce?.child("headcount")
            func count(_ element: FairlabelXML.Node?, _ name: String) -> Int? { element?.child(name).flatMap { Int($0.text) } }
            let operatorName =
                site.attribute("supplierRef").flatMap { suppliers[$0] } ?? site.attribute("subsidiaryRef").flatMap { subsidiaries[$0] }
                ?? organisationName
            let address = site.child("address").map { address in
                address.childElements.map(\.text).filter { !$0.isEmpty }.joined(separator: ", ")
            }
            sites.scope.sites.append(
                AuditScope.Site(
                    id: id, name: site.child("name")?.text, country: site.child("country")?.text, operatorName: operatorName,
                    operatedBySupplier: site.attribute("supplierRef") != nil, riskRating: site.child("riskRating")?.text,
                    dataBlocks: (workforce?.childElements ?? []).compactMap { block in
                        block.attribute("source").map { source in
                            AuditScope.DataBlock(
                                name: block.localName, source: source, asOf: block.attribute("asOf"),
                                sampleSize: block.attribute("sampleSize").flatMap { Int($0) })
                        }
                    }))
            sites.particulars[id] = SiteParticulars(
                id: id, name: site.child("name")?.text, operatorName: operatorName,
                operatedBySupplier: site.attribute("supplierRef") != nil, address: address?.isEmpty == false ? address : nil,
                country: site.child("country")?.text, line: site.line, workers: count(headcount, "total"),
                migrantWorkers: count(headcount, "migrantsInternational"),
                nationalities: headcount?.child("nationalities")?.children("nationality").map { group in
                    SiteParticulars.WorkerGroup(code: group.child("country")?.text ?? "", workers: count(group, "workers"))
                } ?? [],
                languages: headcount?.child("languages")?.children("spokenLanguage").map { group in
                    SiteParticulars.WorkerGroup(code: group.child("language")?.text ?? "", workers: count(group, "workers"))
                } ?? [],
                intermediaries: intermediaries[id] ?? [])
        }
        return sites
    }

    /// The locale amounts are written in (a point before the decimals, no grouping).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The remediation cases added up per site, sites in the order of their first case.
    static func remediationTotals(_ cases: [FairlabelXML.Node]) -> [AuditScope.RemediationTotal] {
        var totals: [AuditScope.RemediationTotal] = []
        func add(_ amounts: inout [AuditScope.Amount], _ element: FairlabelXML.Node?) {
            guard let element, let value = Decimal(string: element.text, locale: posix) else { return }
            let currency = element.attribute("currency") ?? ""
            if let index = amounts.firstIndex(where: { $0.currency == currency }) {
                amounts[index].value += value
            } else {
                amounts.append(AuditScope.Amount(currency: currency, value: value))
                amounts.sort { $0.currency < $1.currency }
            }
        }
        for remediationCase in cases {
            let site = remediationCase.attribute("siteRef")
            let index =
                totals.firstIndex { $0.site == site }
                ?? {
                    totals.append(
                        AuditScope.RemediationTotal(
                            site: site, cases: 0, casesCompleted: 0, workersAffected: 0, workersReached: 0, owed: [], repaid: []))
                    return totals.count - 1
                }()
            totals[index].cases += 1
            if ["completed", "verified"].contains(remediationCase.child("status")?.text ?? "") { totals[index].casesCompleted += 1 }
            totals[index].workersAffected += remediationCase.child("workersAffected").flatMap { Int($0.text) } ?? 0
            totals[index].workersReached += remediationCase.child("workersReached").flatMap { Int($0.text) } ?? 0
            add(&totals[index].owed, remediationCase.child("amountOwed"))
            add(&totals[index].repaid, remediationCase.child("amountRepaid"))
        }
        return totals
    }
}

extension FairlabelXML.Node {
    /// The first child element called `name`.
    fileprivate func child(_ name: String) -> FairlabelXML.Node? {
        firstChildElement(named: name)
    }

    /// The child elements called `name`.
    fileprivate func children(_ name: String) -> [FairlabelXML.Node] {
        childElements(named: name)
    }

    /// The text, with runs of white space made one space and the ends trimmed.
    fileprivate var text: String { normalizedStringValue }
}
