import Crypto
import Foundation

extension LabelRegistry {
    /// How many rows each read of a check fetches: memory stays bounded by a page and the
    /// tree's frontier, whatever the size of the log.
    static let pageSize = 2000

    /// Recomputes every leaf hash, tree root and tree-head signature of the log in order, then
    /// replays every label's events and compares the result with the stored label and its signed
    /// statement. Stops at the first problem and names it. With `since`, also checks that the
    /// log still has the tree head a regulator kept earlier (the log of that size is a prefix).
    /// Everything is read in one snapshot of the store (``RegistryStore/withSnapshot(_:)``), so
    /// that events appended while it runs are neither checked nor taken for tampering.
    public func verify(since: TreeHead? = nil) async throws -> VerificationReport {
        let info = info
        return try await store.withSnapshot { snapshot in
            try await LabelRegistry(viewing: snapshot, info: info).verifyInSnapshot(since: since)
        }
    }

    private func verifyInSnapshot(since: TreeHead?) async throws -> VerificationReport {
        let keys = try await store.keys()
        var report = VerificationReport(entries: 0, labels: 0, treeHead: nil, problem: nil)
        if let since {
            guard since.registry == info.id, since.isValid(keys: keys) else {
                report.problem = VerificationProblem(
                    kind: .altered, seq: since.size, labelID: nil,
                    detail: "the tree head given is not signed by this registry's keys (registry \(info.id))")
                return report
            }
        }
        if let problem = try await verifyLog(keys: keys, since: since, report: &report) {
            report.problem = problem
            return report
        }
        report.problem = try await verifyLabels(keys: keys, report: &report)
        return report
    }

    private func verifyLog(
        keys: [PublicSigningKey], since: TreeHead?, report: inout VerificationReport
    ) async throws -> VerificationProblem? {
        let initialSize = try await store.logState().size
        let cryptoKeys = Dictionary(keys.compactMap { key in key.cryptoKey.map { (key.kid, $0) } }, uniquingKeysWith: { first, _ in first })
        let registryID = info.id
        var frontier = MerkleFrontier()
        var expected = 1
        // The first of the entries since the last signed tree head: each batch ends with one.
        var unsignedSince: Int?
        // An entry whose leaf says it closes its batch but whose tree head carries no signature:
        // tampering once another entry follows it (at the log's end, entries appended unsigned).
        var blankedEnd: LogEntry?
        let store = store
        // The next page is read and checked (on every core) while this one is walked in order.
        var next = Task { try await CheckedPage.read(after: 0, from: store, registry: registryID, keys: cryptoKeys) }
        defer { next.cancel() }
        while true {
            let current = try await next.value
            guard let lastSeq = current.entries.last?.seq else { break }
            next = Task { try await CheckedPage.read(after: lastSeq, from: store, registry: registryID, keys: cryptoKeys) }
            let storedNodes = current.nodes
            for (entry, check) in zip(current.entries, current.checks) {
                if let blankedEnd {
                    return VerificationProblem(
                        kind: .altered, seq: blankedEnd.seq, labelID: blankedEnd.labelID,
                        detail: "its leaf says it closes its appended batch, but its tree head carries no signature")
                }
                if entry.seq != expected {
                    return VerificationProblem(
                        kind: .removed, seq: expected, labelID: nil,
                        detail: "the log goes from entry \(expected - 1) to entry \(entry.seq)")
                }
                guard check.leafHash == entry.leafHash, let place = check.place else {
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: entry.labelID, detail: "its content no longer matches its leaf hash")
                }
                if place.seq != entry.seq {
                    return VerificationProblem(
                        kind: .reordered, seq: entry.seq, labelID: entry.labelID,
                        detail: "it holds the event appended as entry \(place.seq)")
                }
                guard place.labelID == entry.labelID else {
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: entry.labelID,
                        detail: "its event is about label \(place.labelID)")
                }
                let completed = frontier.append(leafHash: check.leafHash)
                if check.signed == nil {
                    unsignedSince = unsignedSince ?? entry.seq
                    if check.closesBatch == true { blankedEnd = entry }
                } else {
                    unsignedSince = nil
                }
                guard check.signed ?? true else {
                    // Past the log's recorded size, an entry nobody signed was added; within it, one was changed.
                    return VerificationProblem(
                        kind: entry.seq > initialSize ? .inserted : .altered, seq: entry.seq, labelID: entry.labelID,
                        detail: "its tree head is not signed by any of the registry's keys")
                }
                let root = Hex.encode(frontier.root)
                guard entry.treeHead.root == root else {
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: entry.labelID,
                        detail: "the tree's root at size \(entry.seq) differs from the signed tree head")
                }
                for node in completed where storedNodes[node.key] != node.hash {
                    let first = node.index << node.level + 1
                    let state = storedNodes[node.key] == nil ? "is missing" : "differs from the hash of those entries"
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: nil,
                        detail:
                            "the stored hash of the subtree of entries \(first)–\(entry.seq) (merkle_node level \(node.level), "
                            + "index \(node.index)), used by proofs, \(state)")
                }
                if let since, since.size == entry.seq, since.root != root {
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: nil,
                        detail: "the log's first \(since.size) entries no longer give the root of the tree head given")
                }
                if check.signed != nil {
                    var head = entry.treeHead
                    head.registry = registryID
                    report.treeHead = head
                }
                report.entries = entry.seq
                expected += 1
            }
        }
        if let unsignedSince {
            return VerificationProblem(
                kind: .inserted, seq: unsignedSince, labelID: nil,
                detail:
                    "entries \(unsignedSince)–\(report.entries) end the log without a signed tree head (every appended batch ends with one)"
            )
        }
        let state = try await store.logState()
        if let since, since.size > report.entries {
            return VerificationProblem(
                kind: .removed, seq: report.entries + 1, labelID: nil,
                detail: "the tree head given covers \(since.size) entries; the log has \(report.entries)")
        }
        if state.size > report.entries {
            return VerificationProblem(
                kind: .removed, seq: report.entries + 1, labelID: nil,
                detail: "the log's state counts \(state.size) entries; \(report.entries) are left")
        }
        if state.size < report.entries || state.frontier.root != frontier.root {
            return VerificationProblem(
                kind: .inserted, seq: state.size + 1, labelID: nil,
                detail: "the log has \(report.entries) entries; its state counts \(state.size)")
        }
        return nil
    }

    /// Replays every label's events (read label by label, in id order) and compares each replay
    /// with the stored label, walking the labels in the same order.
    private func verifyLabels(keys: [PublicSigningKey], report: inout VerificationReport) async throws -> VerificationProblem? {
        var statements = SignedStatementChecks(keys: keys)
        let problem = try await replayLabels(statements: &statements, report: &report)
        // A statement still waiting in the batch belongs to a label before the problem found.
        return await statements.flush() ?? problem
    }

    private func replayLabels(
        statements: inout SignedStatementChecks, report: inout VerificationReport
    ) async throws -> VerificationProblem? {
        var labels = LabelPages(store: store)
        var replayed: LabelRecord?
        var replayedID: String?
        var lastSeq = 0

        func compare(_ id: String, _ replay: LabelRecord, lastSeq: Int) async throws -> VerificationProblem? {
            if let stored = try await labels.peek(), stored.record.id < id {
                return VerificationProblem(
                    kind: .inserted, seq: nil, labelID: stored.record.id, detail: "the label has no event in the log")
            }
            guard let stored = try await labels.next(), stored.record.id == id else {
                return VerificationProblem(
                    kind: .removed, seq: lastSeq, labelID: id, detail: "the log has its events but the label is gone")
            }
            report.labels += 1
            if stored.record != replay {
                let what =
                    stored.record.status != replay.status
                    ? "its stored status is \(stored.record.status.rawValue); its events give \(replay.status.rawValue)"
                    : "its stored record differs from the replay of its events"
                return VerificationProblem(kind: .altered, seq: nil, labelID: id, detail: what)
            }
            if stored.lastSeq != lastSeq {
                return VerificationProblem(
                    kind: .altered, seq: nil, labelID: id, detail: "its last event is entry \(lastSeq), not \(stored.lastSeq)")
            }
            return await statements.add(id: id, jws: stored.jws, expected: SignedLabel(label: replay, registry: info.id))
        }

        let store = store
        // The next page is read and decoded (on every core) while this one is replayed.
        var next = Task { try await DecodedPage.read(after: nil, from: store) }
        defer { next.cancel() }
        while true {
            let current = try await next.value
            guard let last = current.entries.last else { break }
            let position = (labelID: last.labelID, seq: last.seq)
            next = Task { try await DecodedPage.read(after: position, from: store) }
            for (entry, leaf) in zip(current.entries, current.leaves) {
                guard let leaf else {
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: entry.labelID, detail: "its content is not an event")
                }
                if entry.labelID != replayedID {
                    if let replayedID, let replayed, let problem = try await compare(replayedID, replayed, lastSeq: lastSeq) {
                        return problem
                    }
                    replayedID = entry.labelID
                    replayed = nil
                }
                do {
                    replayed = try LabelLifecycle.apply(leaf.event, to: replayed)
                } catch {
                    return VerificationProblem(
                        kind: .altered, seq: entry.seq, labelID: entry.labelID,
                        detail: "its event does not follow the label's: \(error.problem)")
                }
                lastSeq = entry.seq
            }
        }
        if let replayedID, let replayed, let problem = try await compare(replayedID, replayed, lastSeq: lastSeq) {
            return problem
        }
        if let extra = try await labels.next() {
            return VerificationProblem(kind: .inserted, seq: nil, labelID: extra.record.id, detail: "the label has no event in the log")
        }
        return nil
    }
}

/// A page of log entries with what can be checked of each on its own (``EntryCheck``, on every
/// core) and the stored subtree hashes the page completes, by key.
private struct CheckedPage: Sendable {
    let entries: [LogEntry]
    let checks: [EntryCheck]
    let nodes: [MerkleNode.Key: [UInt8]]

    /// The page of entries after entry `seq`, checked.
    static func read(
        after seq: Int, from store: any RegistryStore, registry: String, keys: [String: Curve25519.Signing.PublicKey]
    ) async throws -> CheckedPage {
        let entries = try await store.logEntries(after: seq, limit: LabelRegistry.pageSize)
        guard let first = entries.first?.seq, let last = entries.last?.seq else { return CheckedPage(entries: [], checks: [], nodes: [:]) }
        async let stored = store.merkleNodes(completedBy: first...max(first, last))
        let checks = await entries.concurrentMap { EntryCheck($0, registry: registry, keys: keys) }
        let nodes = Dictionary(try await stored.map { ($0.key, $0.hash) }, uniquingKeysWith: { first, _ in first })
        return CheckedPage(entries: entries, checks: checks, nodes: nodes)
    }
}

/// The checks of labels' signed statements (a JWS each: an Ed25519 signature and a JSON
/// payload), batched so that a batch runs on every core at once.
private struct SignedStatementChecks {
    let keys: [PublicSigningKey]
    var pending: [(id: String, jws: String, expected: SignedLabel)] = []

    init(keys: [PublicSigningKey]) {
        self.keys = keys
    }

    /// Queues the check that label `id`'s statement `jws` is validly signed and says `expected`;
    /// checks the batch once it is full and returns its first failure.
    mutating func add(id: String, jws: String, expected: SignedLabel) async -> VerificationProblem? {
        pending.append((id, jws, expected))
        return pending.count >= LabelRegistry.pageSize ? await flush() : nil
    }

    /// Checks the queued statements; returns the first that fails, in the order they were queued.
    mutating func flush() async -> VerificationProblem? {
        let batch = pending
        pending = []
        let keys = keys
        let valid = await batch.concurrentMap { item in
            guard let (payload, _) = try? SignedLabel.verify(item.jws, keys: keys) else { return false }
            return payload == item.expected
        }
        guard let failed = valid.firstIndex(of: false) else { return nil }
        return VerificationProblem(
            kind: .altered, seq: nil, labelID: batch[failed].id,
            detail: "its signed statement does not match its events or its signature is invalid")
    }
}

/// A page of log entries in label order with their leaves decoded (on every core); nil for a
/// leaf that is not an event.
private struct DecodedPage: Sendable {
    let entries: [LogEntry]
    let leaves: [LogLeaf?]

    /// The page of entries after `position` (label id, then log order), decoded.
    static func read(after position: (labelID: String, seq: Int)?, from store: any RegistryStore) async throws -> DecodedPage {
        let entries = try await store.logEntriesByLabel(after: position, limit: LabelRegistry.pageSize)
        let leaves = await entries.concurrentMap { try? CanonicalJSON.decode(LogLeaf.self, from: $0.leaf) }
        return DecodedPage(entries: entries, leaves: leaves)
    }
}

/// The registry's labels in id order, a page at a time, the next page read while this one is
/// walked.
private struct LabelPages {
    let store: any RegistryStore
    var buffer: [StoredLabel] = []
    var index = 0
    var pending: Task<[StoredLabel], any Error>?

    init(store: any RegistryStore) {
        self.store = store
        pending = Task { try await store.labels(after: nil, limit: LabelRegistry.pageSize) }
    }

    mutating func peek() async throws -> StoredLabel? {
        if index >= buffer.count, let pending {
            buffer = try await pending.value
            index = 0
            if let last = buffer.last?.record.id {
                let store = store
                self.pending = Task { try await store.labels(after: last, limit: LabelRegistry.pageSize) }
            } else {
                self.pending = nil
            }
        }
        return index < buffer.count ? buffer[index] : nil
    }

    mutating func next() async throws -> StoredLabel? {
        let label = try await peek()
        if label != nil { index += 1 }
        return label
    }
}
