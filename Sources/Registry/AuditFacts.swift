/// The facts of an audit that the registry records, whatever the audit decided: who was audited,
/// under which scheme, from which inputs (their digests), with which fairlabel, on which date,
/// and the score. A label's ``AuditBasis`` and a firm's ``RecordedAudit`` each embed one.
///
/// Both encode these fields at their own top level, as they did before this type existed, so
/// that the log's leaves, signed labels and stored records keep their bytes.
public struct AuditFacts: Sendable, Hashable, Codable {
    /// The organisation's legal name ("" in a recorded audit when it could not be read).
    public var organisation: String
    /// Its legal identifiers (`LEI:…`, `scheme:number`).
    public var identifiers: [String]
    /// Its country (ISO 3166-1 alpha-2).
    public var country: String?
    /// Its sector code (NACE or ISIC).
    public var sector: String?
    /// The scheme's id.
    public var schemeID: String
    /// The scheme's version.
    public var schemeVersion: String
    /// SHA-256 of the scheme file (lowercase hex).
    public var schemeSHA256: String
    /// SHA-256 of the submission (lowercase hex).
    public var submissionSHA256: String
    /// The criteria packs run, each with its SHA-256.
    public var packs: [PackDigest]
    /// fairlabel's version that ran the audit.
    public var toolVersion: String
    /// The audit date (YYYY-MM-DD).
    public var auditDate: String
    /// The total score (0–100), when scored.
    public var score: Double?

    /// Facts from their parts; see the properties.
    public init(
        organisation: String, identifiers: [String], country: String?, sector: String?, schemeID: String, schemeVersion: String,
        schemeSHA256: String, submissionSHA256: String, packs: [PackDigest], toolVersion: String, auditDate: String, score: Double?
    ) {
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
        self.score = score
    }

    /// The key of the audit these facts describe: SHA-256 over the submission's and scheme's
    /// digests and the audit date (``RecordedAudit/key(submissionSHA256:schemeSHA256:auditDate:)``).
    public var auditKey: String {
        RecordedAudit.key(submissionSHA256: submissionSHA256, schemeSHA256: schemeSHA256, auditDate: auditDate)
    }
}

/// A criteria pack run by the audit, by name and digest.
public struct PackDigest: Sendable, Hashable, Codable {
    /// The pack's file name.
    public var name: String
    /// SHA-256 of the file (lowercase hex).
    public var sha256: String

    /// A pack digest from its name and SHA-256.
    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }
}
