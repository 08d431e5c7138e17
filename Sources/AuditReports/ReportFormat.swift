public import Audit
public import Foundation

/// The formats an audit report can be written in.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every field of the audit, as JSON (needed to resume a batch).
    case json
    /// XML valid against `Schemas/audit-report.xsd`.
    case xml
    /// A self-contained, printable HTML page.
    case html
    /// The criteria packs' results as ISO SVRL.
    case svrl
    /// A plain-text summary.
    case text

    /// The file name extension: `json`, `xml`, `html`, `svrl`, `txt`.
    public var fileExtension: String { self == .text ? "txt" : rawValue }

    /// The report for `outcome` in this format.
    public func document(for outcome: AuditOutcome, packs: CriteriaPacks) -> String {
        switch self {
        case .json: AuditJSONReport.document(for: outcome.audit)
        case .xml: AuditXMLReport.document(for: outcome.audit)
        case .html: AuditHTMLReport.document(for: outcome.audit)
        case .svrl: AuditSVRLReport.document(for: outcome, packs: packs)
        case .text: AuditTextReport.document(for: outcome.audit)
        }
    }

    /// The report's UTF-8, as a file holds it: ``document(for:packs:)``'s text, with the JSON
    /// report written as bytes without becoming a String first.
    public func data(for outcome: AuditOutcome, packs: CriteriaPacks) -> Data {
        switch self {
        case .json: AuditJSONReport.data(for: outcome.audit)
        default: Data(document(for: outcome, packs: packs).utf8)
        }
    }
}
