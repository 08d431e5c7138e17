import Audit
import AuditReports

/// The JSON answer to an audit: its id, the decision, links to every report format, and the
/// JSON report itself (every field of the audit).
struct AuditResponse: Encodable {
    let id: String
    let decision: String
    let decisionLabel: String
    let score: Double?
    let auditDate: String
    let links: Links
    let report: Audit

    struct Links: Encodable {
        let `self`: String
        let reports: [String: String]
    }

    init(_ stored: StoredAudit) {
        let audit = stored.outcome.audit
        id = stored.id
        decision = audit.decision.rawValue
        decisionLabel = audit.decision.label
        score = audit.score
        auditDate = audit.auditDate.iso8601
        let base = "/api/v1/audits/\(stored.id)"
        links = Links(
            self: base,
            reports: Dictionary(uniqueKeysWithValues: ReportFormat.allCases.map { ($0.rawValue, "\(base)/reports/\($0.rawValue)") }))
        report = audit
    }
}
