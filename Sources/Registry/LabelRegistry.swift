/// A label registry: a store, the registry's identity and (to write) its active signing key.
/// It issues labels from what an audit decided, records their events through the lifecycle,
/// signs every label and tree head, and never decides a label itself.
public struct LabelRegistry: Sendable {
    /// Where the registry keeps its records.
    public let store: any RegistryStore
    /// The registry's identity.
    public let info: RegistryInfo
    /// The active key, or nil for a registry opened to read only.
    let signer: RegistrySigner?

    /// The registry kept in `store`, signing with `signer` (nil: read only).
    public init(store: any RegistryStore, signer: RegistrySigner?) async throws {
        self.store = store
        self.signer = signer
        info = try await store.info()
    }

    /// The id of the label issued from `basis`: `FL-` and 16 hex digits of SHA-256 over the
    /// submission's and scheme's digests and the audit date, so that issuing from the same audit
    /// twice finds the label already there.
    public static func labelID(for basis: AuditBasis) -> String {
        let key = RecordedAudit.key(submissionSHA256: basis.submissionSHA256, schemeSHA256: basis.schemeSHA256, auditDate: basis.auditDate)
        return "FL-" + String(key.prefix(16)).uppercased()
    }

    /// Issues a label from `basis` on `date` (YYYY-MM-DD).
    @discardableResult
    public func issue(_ basis: AuditBasis, on date: String) async throws -> PreparedAppend {
        try await record(.issued(basis: basis), labelID: Self.labelID(for: basis), on: date)
    }

    /// Records `change` for label `labelID` on `date`, if the lifecycle allows it: the label,
    /// its log entry and the signed tree head are stored together or not at all.
    @discardableResult
    public func record(_ change: LabelChange, labelID: String, on date: String) async throws -> PreparedAppend {
        let event = LabelEvent(labelID: labelID, date: date, change: change)
        return try await append(labelIDs: [labelID]) { _, _ in event }[0]
    }

    /// Issues a label from each of `bases` on `date`, in one transaction: every label with its
    /// log entry and signed tree head, or none of them. For issuing many labels at once.
    @discardableResult
    public func issue(_ bases: [AuditBasis], on date: String) async throws -> [PreparedAppend] {
        try await record(bases.map { (change: LabelChange.issued(basis: $0), labelID: Self.labelID(for: $0)) }, on: date)
    }

    /// Records each change for its label on `date`, in order and in one transaction, if the
    /// lifecycle allows every one of them: all are stored, or none (the first refusal is thrown).
    @discardableResult
    public func record(_ changes: [(change: LabelChange, labelID: String)], on date: String) async throws -> [PreparedAppend] {
        let events = changes.map { LabelEvent(labelID: $0.labelID, date: date, change: $0.change) }
        return try await append(labelIDs: events.map(\.labelID)) { index, _ in events[index] }
    }

    /// Applies to every label what `date` makes due: expires those past their validity and
    /// suspends conditional ones whose corrective actions are overdue. Running it twice changes
    /// nothing the second time. Returns the entries appended.
    public func sweep(asOf date: String) async throws -> [LogEntry] {
        var appended: [LogEntry] = []
        for id in try await store.sweepCandidates(asOf: date) {
            do {
                let result = try await append(labelIDs: [id]) { _, current in
                    guard let current, let change = LabelLifecycle.dueChange(for: current, asOf: date) else { throw NothingDue() }
                    return LabelEvent(labelID: id, date: date, change: change)
                }
                appended += result.map(\.entry)
            } catch is NothingDue {
                continue
            }
        }
        return appended
    }

    /// Thrown inside a sweep's transaction when the label needs nothing, to store nothing.
    private struct NothingDue: Error {}

    /// Appends, in one transaction, the event `makeEvent` gives for each label of `labelIDs` (by
    /// its index there) in its current state, with the lifecycle's check, the label's new JWS (at
    /// issue and renewal), the leaf and the tree head: signed on the batch's last entry only,
    /// whose root covers the whole batch (registries written before format 5 have one per entry).
    /// Each leaf states whether it closes the batch (format 7), so that a blanked head is seen.
    private func append(
        labelIDs: [String], _ makeEvent: @escaping @Sendable (Int, LabelRecord?) throws -> LabelEvent
    ) async throws
        -> [PreparedAppend]
    {
        guard let signer else { throw RegistryError.noSigningKey(folder: "the registry's key folder") }
        let registryID = info.id
        return try await store.append(labelIDs: labelIDs) { index, current, log in
            let event = try makeEvent(index, current?.record)
            let record = try LabelLifecycle.apply(event, to: current?.record)
            let jws: String
            switch event.change {
            case .issued, .renewed: jws = try SignedLabel(label: record, registry: registryID).sign(with: signer)
            default: jws = current?.jws ?? ""
            }
            let seq = log.size + 1
            let closesBatch = index == labelIDs.count - 1
            let leaf = try CanonicalJSON.encode(LogLeaf(seq: seq, event: event, closesBatch: closesBatch))
            let leafHash = MerkleHash.leaf(leaf.utf8)
            var frontier = log.frontier
            let nodes = frontier.append(leafHash: leafHash)
            // One signed tree head per batch, on its last entry: its root covers every entry before.
            let head =
                closesBatch
                ? TreeHead.sign(registry: registryID, size: seq, root: frontier.root, signer: signer)
                : TreeHead.unsigned(registry: registryID, size: seq, root: frontier.root)
            let entry = LogEntry(seq: seq, labelID: event.labelID, leaf: leaf, leafHash: leafHash, treeHead: head)
            return PreparedAppend(
                label: StoredLabel(record: record, jws: jws, lastSeq: seq), entry: entry, log: LogState(size: seq, frontier: frontier),
                nodes: nodes)
        }
    }
}
