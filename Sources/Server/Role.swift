/// What a token may do. firm: audit its own submissions and read its own audits; auditor: audit
/// and read the audits it ran; regulator: read every audit; admin: operate the server (metrics;
/// tokens are managed with `fairlabel token` on the server's machine).
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// A firm assessing itself.
    case firm
    /// An auditor auditing firms.
    case auditor
    /// A regulator overseeing the scheme.
    case regulator
    /// The server's operator.
    case admin

    /// Roles that may submit audits.
    static let auditing: Set<Role> = [.firm, .auditor]
}

/// Who is asking: the token's id, its role and the name it was issued to (a firm's name, an
/// auditor's). Audits belong to the name, so that a firm's tokens see the same audits.
public struct Principal: Sendable, Hashable {
    /// The token's public id (not its secret).
    public let tokenId: String
    /// Its role.
    public let role: Role
    /// Whom it was issued to.
    public let subject: String

    /// A principal.
    public init(tokenId: String, role: Role, subject: String) {
        self.tokenId = tokenId
        self.role = role
        self.subject = subject
    }

    /// Whether this principal may read `audit`: its own, or any for a regulator.
    func mayRead(_ audit: StoredAudit) -> Bool {
        role == .regulator || audit.owner == subject
    }
}
