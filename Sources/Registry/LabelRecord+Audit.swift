public import Audit
import Crypto

// The one place that maps the `Audit` library's types to what the registry stores and signs.
// When `Audit` changes (new decision kinds, a date type, escalation notices), only this file
// changes.

extension AuditFacts {
    /// The facts `audit` established, whatever it decided (an organisation it could not read is
    /// "").
    public init(audit: Audit) {
        self.init(
            organisation: audit.submission.organisation ?? "", identifiers: audit.submission.identifiers,
            country: audit.submission.country, sector: audit.submission.sector, schemeID: audit.scheme.id,
            schemeVersion: audit.scheme.version, schemeSHA256: audit.scheme.sha256, submissionSHA256: audit.submission.sha256,
            packs: audit.packs.map { PackDigest(name: $0.name, sha256: $0.sha256) }, toolVersion: audit.toolVersion,
            auditDate: audit.auditDate.iso8601, score: audit.score)
    }
}

extension AuditBasis {
    /// The basis a label issued from `audit` rests on, or nil when the audit does not grant a
    /// label (withheld, not auditable) or lacks what a label needs (organisation, validity).
    public init?(audit: Audit) {
        let decision: LabelDecision
        switch audit.decision {
        case .granted: decision = .granted
        case .conditional: decision = .conditional
        case .withheld, .notAuditable: return nil
        }
        guard audit.submission.organisation != nil, let validUntil = audit.validUntil else { return nil }
        self.init(
            facts: AuditFacts(audit: audit), decision: decision, validUntil: validUntil.iso8601,
            surveillanceDue: audit.surveillanceDue?.iso8601,
            conditions: decision == .conditional ? Self.conditions(audit.correctiveActions) : [])
    }

    /// The corrective actions as conditions, once each (an action found at several places is
    /// one condition), in the audit's order.
    private static func conditions(_ actions: [CorrectiveAction]) -> [LabelCondition] {
        var seen = Set<LabelCondition>()
        return actions.map { LabelCondition(criterion: $0.criterion, action: $0.action, due: $0.due.iso8601) }.filter {
            seen.insert($0).inserted
        }
    }
}

extension RecordedAudit {
    /// `audit` as the registry records it, whatever its decision, with its report (`reportJSON`,
    /// the audit's JSON report) and its referral notices and escalations as restricted records;
    /// `labelID` is the label issued from it, if any.
    public init(audit: Audit, reportJSON: String, labelID: String?) {
        let notices = (audit.referrals + audit.escalations).map { notice in
            RestrictedNotice(kind: notice.kind.rawValue, site: notice.site, text: notice.text, json: Self.json(of: notice))
        }
        self.init(
            facts: AuditFacts(audit: audit), decision: audit.decision.rawValue, reportJSON: reportJSON, labelID: labelID,
            restricted: notices)
    }

    /// A notice as canonical JSON. Its fields are strings, numbers and arrays of them, so
    /// encoding cannot fail; if it did, that would be a bug, and it stops here.
    private static func json(of notice: TraffickingNotice) -> String {
        do {
            return try CanonicalJSON.encode(notice)
        } catch {
            preconditionFailure("a trafficking notice could not be encoded as JSON: \(error)")
        }
    }

    /// The key of the audit of the submission and scheme with these digests on `auditDate`.
    public static func key(submissionSHA256: String, schemeSHA256: String, auditDate: String) -> String {
        Hex.encode(SHA256.hash(data: Array("\(submissionSHA256)\n\(schemeSHA256)\n\(auditDate)".utf8)))
    }
}
