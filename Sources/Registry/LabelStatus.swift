/// Where a label stands in its lifecycle.
public enum LabelStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Valid: issued or renewed, not suspended, revoked or expired.
    case active
    /// Suspended (a deadline passed unmet, or by a regulator); can be reinstated.
    case suspended
    /// Revoked for good; no event follows.
    case revoked
    /// Past its validity; can only be renewed.
    case expired
}
