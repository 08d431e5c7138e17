/// One thing that happened to a label, as appended to the log.
public struct LabelEvent: Sendable, Hashable, Codable {
    /// The label concerned.
    public var labelID: String
    /// When it took effect (YYYY-MM-DD).
    public var date: String
    /// What happened.
    public var change: LabelChange

    /// An event from its label, date and change.
    public init(labelID: String, date: String, change: LabelChange) {
        self.labelID = labelID
        self.date = date
        self.change = change
    }
}

/// What happened to a label.
public enum LabelChange: Sendable, Hashable, Codable {
    /// Issued from a granted or conditional audit.
    case issued(basis: AuditBasis)
    /// A condition (corrective action) was met, with a reference to the evidence.
    case conditionMet(criterion: String, evidence: String, actor: String)
    /// Renewed by a later audit of the same organisation.
    case renewed(basis: AuditBasis)
    /// Suspended, with the reason and who decided.
    case suspended(reason: String, actor: String)
    /// Reinstated after a suspension.
    case reinstated(actor: String)
    /// Revoked for good, with the reason and who decided.
    case revoked(reason: String, actor: String)
    /// Expired: past its validity.
    case expired

    /// The change's name as printed and stored: issued, condition-met, renewed, suspended,
    /// reinstated, revoked, expired.
    public var name: String {
        switch self {
        case .issued: "issued"
        case .conditionMet: "condition-met"
        case .renewed: "renewed"
        case .suspended: "suspended"
        case .reinstated: "reinstated"
        case .revoked: "revoked"
        case .expired: "expired"
        }
    }
}
