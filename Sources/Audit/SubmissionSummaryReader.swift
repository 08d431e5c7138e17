import FairlabelXML
import Foundation

/// Reads a submission's summary (organisation, identifiers, country, sector, reporting period)
/// from its document, with expressions compiled once for every audit of a process, not per
/// submission. Reads what it finds: a document the schema rejected gives the fields it has.
enum SubmissionSummaryReader {
    /// The summary of `document`, read from `file` whose bytes have SHA-256 `sha256`.
    static func summary(of document: Document, file: String, sha256: String) -> SubmissionSummary {
        let context = XPathContext(document: document, namespaces: ["s": Auditor.submissionNamespace])
        func text(_ expression: XPathExpression?) -> String? {
            guard let expression, let value = try? context.evaluateString(expression, at: document.documentNode) else { return nil }
            return value.isEmpty ? nil : value
        }
        var identifiers: [String] = []
        if let lei = text(lei) { identifiers.append("LEI:\(lei)") }
        if let nationalIds, let nodes = try? context.evaluateNodes(nationalIds, at: document.documentNode) {
            identifiers += nodes.map {
                "\($0.attribute("scheme") ?? "national"):\($0.stringValue.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
        }
        let start = text(periodStart)
        let end = text(periodEnd)
        return SubmissionSummary(
            file: file, sha256: sha256, organisation: text(legalName), identifiers: identifiers, country: text(country),
            sector: text(naceCode).map { "NACE \($0)" } ?? text(isicCode).map { "ISIC \($0)" },
            period: start.flatMap { start in end.map { "\(start)/\($0)" } })
    }

    /// `normalize-space()` of the organisation's child `name`.
    private static func organisationText(_ name: String) -> XPathExpression? {
        try? XPathExpression("normalize-space(/s:submission/s:organisation/\(name))")
    }

    private static let legalName = organisationText("s:legalName")
    private static let lei = organisationText("s:identifiers/s:lei")
    private static let nationalIds = try? XPathExpression("/s:submission/s:organisation/s:identifiers/s:nationalId")
    private static let country = organisationText("s:country")
    private static let naceCode = organisationText("s:naceCode")
    private static let isicCode = organisationText("s:isicCode")
    private static let periodStart = organisationText("s:reportingPeriod/s:start")
    private static let periodEnd = organisationText("s:reportingPeriod/s:end")
}
