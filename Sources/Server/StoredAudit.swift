public import Audit
public import Foundation

/// One audit the server ran, kept so that its reports can be fetched by id.
public struct StoredAudit: Sendable {
    /// The audit's id: 32 lowercase hex digits, 128 random bits, unguessable.
    public let id: String
    /// The audit and the packs' reports.
    public let outcome: AuditOutcome
    /// The compiled packs it was run with (the SVRL report names them).
    public let packs: CriteriaPacks
    /// Who asked for it (a token id), when the request was authenticated.
    public let owner: String?
    /// When it was run.
    public let created: Date

    /// An audit to keep.
    public init(id: String, outcome: AuditOutcome, packs: CriteriaPacks, owner: String?, created: Date) {
        self.id = id
        self.outcome = outcome
        self.packs = packs
        self.owner = owner
        self.created = created
    }
}
