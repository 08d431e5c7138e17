/// A label as the registry holds it: what it rests on and where it stands. Its state is always
/// the replay of its events (``LabelLifecycle``).
public struct LabelRecord: Sendable, Hashable, Codable {
    /// The label's id (`FL-` and 16 hex digits), derived from the audit that issued it.
    public var id: String
    /// The audit the label currently rests on (the issuing audit, or the latest renewal).
    public var basis: AuditBasis
    /// When it was issued (YYYY-MM-DD).
    public var issueDate: String
    /// Where it stands.
    public var status: LabelStatus
    /// Why it is suspended or revoked, and by whom.
    public var statusReason: String?
    /// The conditions met so far: criterion to evidence reference.
    public var conditionsMet: [String: String]
    /// The date of the last event (YYYY-MM-DD).
    public var lastChanged: String
    /// How many events it has had.
    public var eventCount: Int

    /// A record from its parts; see the properties.
    public init(
        id: String, basis: AuditBasis, issueDate: String, status: LabelStatus, statusReason: String?, conditionsMet: [String: String],
        lastChanged: String, eventCount: Int
    ) {
        self.id = id
        self.basis = basis
        self.issueDate = issueDate
        self.status = status
        self.statusReason = statusReason
        self.conditionsMet = conditionsMet
        self.lastChanged = lastChanged
        self.eventCount = eventCount
    }

    /// The conditions not met yet.
    public var openConditions: [LabelCondition] {
        basis.conditions.filter { conditionsMet[$0.criterion] == nil }
    }
}
