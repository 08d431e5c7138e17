/// An audit as the registry keeps it, whatever its decision: what a regulator sees in a firm's
/// history. Made from an `Audit` in `LabelRecord+Audit.swift`.
public struct RecordedAudit: Sendable, Hashable, Codable {
    /// Identifies the audit: SHA-256 over the submission's and scheme's digests and the audit
    /// date, so that recording the same audit twice records it once.
    public var key: String
    /// The organisation's legal name ("" when it could not be read).
    public var organisation: String
    /// Its legal identifiers.
    public var identifiers: [String]
    /// Its country.
    public var country: String?
    /// Its sector.
    public var sector: String?
    /// The scheme's id.
    public var schemeID: String
    /// The scheme's version.
    public var schemeVersion: String
    /// SHA-256 of the scheme file.
    public var schemeSHA256: String
    /// SHA-256 of the submission.
    public var submissionSHA256: String
    /// The packs run with their digests.
    public var packs: [PackDigest]
    /// fairlabel's version.
    public var toolVersion: String
    /// The audit date (YYYY-MM-DD).
    public var auditDate: String
    /// The decision: granted, conditional, withheld, not-auditable.
    public var decision: String
    /// The total score, when scored.
    public var score: Double?
    /// The audit report (JSON), as written by the audit.
    public var reportJSON: String
    /// The label issued from it, when one was.
    public var labelID: String?
    /// Referral and escalation notices: restricted, never exported publicly.
    public var restricted: [RestrictedNotice]

    /// A recorded audit from its parts; see the properties.
    public init(
        key: String, organisation: String, identifiers: [String], country: String?, sector: String?, schemeID: String,
        schemeVersion: String, schemeSHA256: String, submissionSHA256: String, packs: [PackDigest], toolVersion: String,
        auditDate: String, decision: String, score: Double?, reportJSON: String, labelID: String?, restricted: [RestrictedNotice]
    ) {
        self.key = key
        self.organisation = organisation
        self.identifiers = identifiers
        self.country = country
        self.sector = sector
        self.schemeID = schemeID
        self.schemeVersion = schemeVersion
        self.schemeSHA256 = schemeSHA256
        self.submissionSHA256 = submissionSHA256
        self.packs = packs
        self.toolVersion = toolVersion
        self.auditDate = auditDate
        self.decision = decision
        self.score = score
        self.reportJSON = reportJSON
        self.labelID = labelID
        self.restricted = restricted
    }
}

/// A notice recorded with an audit for the competent authority only (a referral for
/// trafficking, an escalation): kept, shown to whoever holds the registry, never exported.
public struct RestrictedNotice: Sendable, Hashable, Codable {
    /// `referral` or `escalation`.
    public var kind: String
    /// The site concerned, when there is one.
    public var site: String?
    /// The notice's text.
    public var text: String
    /// The whole notice as JSON.
    public var json: String

    /// A notice from its parts.
    public init(kind: String, site: String?, text: String, json: String) {
        self.kind = kind
        self.site = site
        self.text = text
        self.json = json
    }
}
