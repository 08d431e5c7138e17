public import Audit
import AuditReports
import FairlabelXML

/// One submission's line in a batch summary (summary.csv, summary.json, summary.html): who,
/// what was decided, and the digests that identify exactly what was audited.
public struct BatchSummaryRow: Sendable, Hashable, Codable {
    /// The submission file as given.
    public let file: String
    /// The organisation's legal name.
    public let organisation: String?
    /// Its identifiers (`LEI:…`, `scheme:number`).
    public let identifiers: [String]
    /// Its country (ISO 3166-1 alpha-2).
    public let country: String?
    /// Its sector code.
    public let sector: String?
    /// The decision.
    public let decision: Decision
    /// The total score, when scored.
    public let score: Double?
    /// The knock-outs, as their codes (criterion ids, `cluster:SITE` for indicator clusters).
    public let knockouts: [String]
    /// Failed checks by severity (`knockout`, `major`, `minor`, `advisory`, `gate`), and
    /// `missing-data` for checks that found data missing.
    public let findingCounts: [String: Int]
    /// The criteria that failed or lacked data, by id.
    public let failedCriteria: [String]
    /// The sites with a referral notice (possible trafficking for forced labour).
    public let referralSites: [String]
    /// The sites with an escalation for review.
    public let escalationSites: [String]
    /// Why the submission could not be audited: its first structural problem (unreadable, not
    /// well-formed, invalid), or else what the step that stopped the audit found (the gate's
    /// failed criteria, a pack that failed). Nil for every decision but not auditable.
    public let problem: String?
    /// SHA-256 of the submission.
    public let submissionSHA256: String
    /// The scheme, `id@version`.
    public let scheme: String
    /// SHA-256 of the scheme file.
    public let schemeSHA256: String
    /// SHA-256 of each pack, in scheme order.
    public let packSHA256: [String]
    /// fairlabel's version.
    public let toolVersion: String
    /// The audit date.
    public let auditDate: String
    /// Why the submission is not auditable, for that decision (absent from rows recorded
    /// before the reason was typed).
    public var notAuditableReason: NotAuditableReason? = nil

    /// The row for `audit`.
    public init(_ audit: Audit) {
        file = audit.submission.file
        organisation = audit.submission.organisation
        identifiers = audit.submission.identifiers
        country = audit.submission.country
        sector = audit.submission.sector
        decision = audit.decision
        score = audit.score
        knockouts = audit.knockouts.map(\.code)
        var counts: [String: Int] = [:]
        for finding in audit.criteria.flatMap(\.findings) {
            counts[finding.isMissingData ? "missing-data" : finding.severity.rawValue, default: 0] += 1
        }
        findingCounts = counts
        failedCriteria = audit.criteria.filter { $0.status == .fail || $0.status == .notEvaluable }.map(\.id)
        referralSites = audit.referrals.map(\.site)
        escalationSites = audit.escalations.map(\.site)
        problem =
            audit.structuralProblems.first.map { "\($0.location): \($0.message)" }
            ?? (audit.decision == .notAuditable ? audit.steps.first { !$0.passed }?.detail : nil)
        submissionSHA256 = audit.submission.sha256
        scheme = "\(audit.scheme.id)@\(audit.scheme.version)"
        schemeSHA256 = audit.scheme.sha256
        packSHA256 = audit.packs.map(\.sha256)
        toolVersion = audit.toolVersion
        auditDate = audit.auditDate.iso8601
        notAuditableReason = audit.notAuditableReason
    }

    /// ``problem`` as a table shows it beside the file: a location in the row's own file given
    /// as `line N`, since the file is in the row already.
    public var problemBesideFile: String? {
        guard let problem else { return nil }
        return problem.hasPrefix(file + ":") ? "line " + problem.dropFirst(file.count + 1) : problem
    }
}
