/// What a label rests on: the facts of the audit that granted it (``AuditFacts``) and what the
/// grant says (decision, validity, surveillance, conditions), as the registry stores and signs
/// them. A label is issued from one basis and renewed with a later one. The facts' fields read
/// as the basis's own (`basis.organisation`).
@dynamicMemberLookup
public struct AuditBasis: Sendable, Hashable {
    /// The audit's facts.
    public var facts: AuditFacts
    /// The audit's decision: granted or granted on conditions.
    public var decision: LabelDecision
    /// The last day the label is valid (YYYY-MM-DD).
    public var validUntil: String
    /// When the surveillance submission is due (YYYY-MM-DD), for a granted label.
    public var surveillanceDue: String?
    /// For a conditional label, what the firm must do and by when.
    public var conditions: [LabelCondition]

    /// A basis from the audit's facts and what it grants.
    public init(
        facts: AuditFacts, decision: LabelDecision, validUntil: String, surveillanceDue: String?, conditions: [LabelCondition]
    ) {
        self.facts = facts
        self.decision = decision
        self.validUntil = validUntil
        self.surveillanceDue = surveillanceDue
        self.conditions = conditions
    }

    /// A fact of the audit (`basis.organisation`, `basis.auditDate`, …).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<AuditFacts, Value>) -> Value {
        get { facts[keyPath: keyPath] }
        set { facts[keyPath: keyPath] = newValue }
    }
}

extension AuditBasis: Codable {
    private enum CodingKeys: String, CodingKey {
        case decision, validUntil, surveillanceDue, conditions
    }

    /// Decodes the facts and the grant from one JSON object, as they have always been stored.
    public init(from decoder: any Decoder) throws {
        facts = try AuditFacts(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        decision = try container.decode(LabelDecision.self, forKey: .decision)
        validUntil = try container.decode(String.self, forKey: .validUntil)
        surveillanceDue = try container.decodeIfPresent(String.self, forKey: .surveillanceDue)
        conditions = try container.decode([LabelCondition].self, forKey: .conditions)
    }

    /// Encodes the facts and the grant side by side in one JSON object (no nested `facts`), so
    /// that leaves, signed labels and records keep the bytes of earlier versions.
    public func encode(to encoder: any Encoder) throws {
        try facts.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(decision, forKey: .decision)
        try container.encode(validUntil, forKey: .validUntil)
        try container.encodeIfPresent(surveillanceDue, forKey: .surveillanceDue)
        try container.encode(conditions, forKey: .conditions)
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
