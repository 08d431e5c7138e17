/// What a label rests on: the facts of the audit that granted it, as the registry stores and
/// signs them. A label is issued from one basis and renewed with a later one.
public struct AuditBasis: Sendable, Hashable, Codable {
    /// The organisation's legal name.
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
    /// The audit's decision: granted or granted on conditions.
    public var decision: LabelDecision
    /// The total score (0–100), when scored.
    public var score: Double?
    /// The last day the label is valid (YYYY-MM-DD).
    public var validUntil: String
    /// When the surveillance submission is due (YYYY-MM-DD), for a granted label.
    public var surveillanceDue: String?
    /// For a conditional label, what the firm must do and by when.
    public var conditions: [LabelCondition]

    /// A basis from its parts; see the properties.
    public init(
        organisation: String, identifiers: [String], country: String?, sector: String?, schemeID: String, schemeVersion: String,
        schemeSHA256: String, submissionSHA256: String, packs: [PackDigest], toolVersion: String, auditDate: String,
        decision: LabelDecision, score: Double?, validUntil: String, surveillanceDue: String?, conditions: [LabelCondition]
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
        self.decision = decision
        self.score = score
        self.validUntil = validUntil
        self.surveillanceDue = surveillanceDue
        self.conditions = conditions
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

/// The decisions a label can be issued from.
public enum LabelDecision: String, Sendable, Hashable, Codable {
    /// The label is granted.
    case granted
    /// The label is granted on conditions.
    case conditional
}

/// A corrective action a conditional label depends on.
public struct LabelCondition: Sendable, Hashable, Codable {
    /// The criterion concerned.
    public var criterion: String
    /// What the firm must do.
    public var action: String
    /// When it is due (YYYY-MM-DD).
    public var due: String

    /// A condition from its criterion, action and deadline.
    public init(criterion: String, action: String, due: String) {
        self.criterion = criterion
        self.action = action
        self.due = due
    }
}
