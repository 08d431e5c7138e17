/// An audit as the registry keeps it, whatever its decision: what a regulator sees in a firm's
/// history. It embeds the audit's ``AuditFacts`` (whose fields read as its own,
/// `audit.organisation`) and adds the decision, the report and the restricted notices. Made from
/// an `Audit` in `LabelRecord+Audit.swift`.
@dynamicMemberLookup
public struct RecordedAudit: Sendable, Hashable {
    /// Identifies the audit: SHA-256 over the submission's and scheme's digests and the audit
    /// date, so that recording the same audit twice records it once.
    public var key: String
    /// The audit's facts.
    public var facts: AuditFacts
    /// The decision: granted, conditional, withheld, not-auditable.
    public var decision: String
    /// The audit report (JSON), as written by the audit.
    public var reportJSON: String
    /// The label issued from it, when one was.
    public var labelID: String?
    /// Referral and escalation notices: restricted, never exported publicly.
    public var restricted: [RestrictedNotice]

    /// A recorded audit of `facts`, its key derived from them.
    public init(facts: AuditFacts, decision: String, reportJSON: String, labelID: String?, restricted: [RestrictedNotice]) {
        self.init(key: facts.auditKey, facts: facts, decision: decision, reportJSON: reportJSON, labelID: labelID, restricted: restricted)
    }

    /// A recorded audit from its parts; see the properties.
    public init(key: String, facts: AuditFacts, decision: String, reportJSON: String, labelID: String?, restricted: [RestrictedNotice]) {
        self.key = key
        self.facts = facts
        self.decision = decision
        self.reportJSON = reportJSON
        self.labelID = labelID
        self.restricted = restricted
    }

    /// A fact of the audit (`audit.organisation`, `audit.auditDate`, …).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<AuditFacts, Value>) -> Value {
        get { facts[keyPath: keyPath] }
        set { facts[keyPath: keyPath] = newValue }
    }
}

extension RecordedAudit: Codable {
    private enum CodingKeys: String, CodingKey {
        case key, decision, reportJSON, labelID, restricted
    }

    /// Decodes the facts and the record from one JSON object, as they have always been stored.
    public init(from decoder: any Decoder) throws {
        facts = try AuditFacts(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        decision = try container.decode(String.self, forKey: .decision)
        reportJSON = try container.decode(String.self, forKey: .reportJSON)
        labelID = try container.decodeIfPresent(String.self, forKey: .labelID)
        restricted = try container.decode([RestrictedNotice].self, forKey: .restricted)
    }

    /// Encodes the facts and the record side by side in one JSON object (no nested `facts`), as
    /// earlier versions stored it.
    public func encode(to encoder: any Encoder) throws {
        try facts.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(decision, forKey: .decision)
        try container.encode(reportJSON, forKey: .reportJSON)
        try container.encodeIfPresent(labelID, forKey: .labelID)
        try container.encode(restricted, forKey: .restricted)
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
