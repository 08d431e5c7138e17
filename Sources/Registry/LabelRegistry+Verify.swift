import Crypto
import Foundation

extension LabelRegistry {
    /// How many rows each read of a check fetches: memory stays bounded by a page and the
    /// tree's frontier, whatever the size of the log.
    static let pageSize = 2000

    /// How many log entries each read transaction of a verify covers. A read transaction keeps
    /// SQLite from resetting its WAL, which grows by everything written meanwhile; a verify of
    /// 1 000 000 entries takes about 40 s, a segment of 20 000 under one.
    static let segmentSize = 20_000

    /// Recomputes every leaf hash, tree root and tree-head signature of the log in order, then
    /// replays every label's events and compares the result with the stored label and its signed
    /// statement. Stops at the first problem and names it. With `since`, also checks that the
    /// log still has the tree head a regulator kept earlier (the log of that size is a prefix).
    ///
    /// It reads in segments of ``segmentSize`` entries, each in a read transaction of its own
    /// (``RegistryStore/withSnapshot(_:)``), so that a long verify does not hold one snapshot
    /// while others append. A clean result still describes one log: the check in log order carries
    /// the tree's frontier from one segment to the next, so every signed tree head it checks covers
    /// every entry before it as they were read; the replay reads each label's events and stored
    /// label in one segment, and a digest of the entries it replays (``LeafDigest``) must equal the
    /// digest of those the tree check checked; the entries appended meanwhile that the replay saw
    /// are then checked in log order too, as extending the log checked. The report counts the
    /// entries up to the end of the last segment read.
    public func verify(since: TreeHead? = nil) async throws -> VerificationReport {
        try await verify(since: since, segmentSize: Self.segmentSize, duringSegment: nil)
    }

    /// ``verify(since:)`` with segments of `segmentSize` entries, running `duringSegment` inside
    /// each segment's read transaction once its first page is read (tests append there).
    func verify(
        since: TreeHead?, segmentSize: Int, duringSegment: (@Sendable () async throws -> Void)?
    ) async throws -> VerificationReport {
        let info = info
        let key = LeafDigest.Key()
        var walk = LogWalk(registryID: info.id, since: since, segmentSize: segmentSize, key: key, duringSegment: duringSegment)
        var report = VerificationReport(entries: 0, labels: 0, treeHead: nil, problem: nil)
        if let since {
            let keys = try await store.keys()
            guard since.registry == info.id, since.isValid(keys: keys) else {
                report.problem = VerificationProblem(
                    kind: .altered, seq: since.size, labelID: nil,
                    detail: "the tree head given is not signed by this registry's keys (registry \(info.id))")
                return report
            }
        }
        if let problem = try await walk.run(store) {
            report.problem = problem
            return walk.report(report)
        }
        var replay = LabelReplay(registryID: info.id, segmentSize: segmentSize, key: key, bound: walk.entries, duringSegment: duringSegment)
        if let problem = try await replay.run(store) {
            report.problem = problem
            return walk.report(replay.report(report))
        }
        report = replay.report(report)
        if replay.digest != walk.digest {
            report.problem = VerificationProblem(
                kind: .altered, seq: nil, labelID: nil,
                detail: "the entries the labels were replayed from are not the entries checked in log order: the log changed while it "
                    + "was verified (run verify again)")
            return walk.report(report)
        }
        guard !replay.later.isEmpty else { return walk.report(report) }
        // Entries appended during the replay, which it read: checked as extending the log checked.
        walk.later = replay.later
        if let problem = try await walk.run(store) {
            report.problem = problem
        } else if let missing = walk.later?.keys.min() {
            report.problem = VerificationProblem(
                kind: .removed, seq: missing, labelID: nil,
                detail: "the labels were replayed from entry \(missing), which the log no longer holds")
        }
        return walk.report(report)
    }
}

/// A check of the log that reads it a segment per read transaction (so that SQLite can
/// checkpoint its WAL between segments), carrying its state from one segment to the next.
private protocol SegmentedCheck: Sendable {
    /// Checks the next segment in `store`, one snapshot of it.
    mutating func segment(_ store: any RegistryStore) async throws -> LogWalk.Outcome
}

extension SegmentedCheck {
    /// Checks segment after segment to the end; returns the first problem.
    mutating func run(_ store: any RegistryStore) async throws -> VerificationProblem? {
        while true {
            var segment = self
            let outcome = try await store.withSnapshot { snapshot in
                let outcome = try await segment.segment(snapshot)
                return (outcome, segment)
            }
            self = outcome.1
            switch outcome.0 {
            case .more:
                // Only to keep SQLite's WAL small: a registry whose file cannot be written still verifies.
                try? await store.checkpoint()
            case .end: return nil
            case .problem(let problem): return problem
            }
        }
    }
}

/// `registry verify`'s check of the log in log order, one read transaction per segment, carrying
/// the tree's frontier and what it has seen from one segment to the next.
private struct LogWalk: SegmentedCheck {
    let registryID: String
    let since: TreeHead?
    let segmentSize: Int
    let key: LeafDigest.Key
    let duringSegment: (@Sendable () async throws -> Void)?
    /// The log's size when the walk began: an unsigned entry past it was inserted, within it altered.
    var initialSize: Int?
    var frontier = MerkleFrontier()
    /// The next entry's sequence number.
    var expected = 1
    /// The first of the entries since the last signed tree head: each batch ends with one.
    var unsignedSince: Int?
    /// An entry whose leaf says it closes its batch but whose tree head carries no signature:
    /// tampering once another entry follows it (at the log's end, entries appended unsigned).
    var blankedEnd: LogEntry?
    /// The number of entries checked.
    var entries = 0
    /// The last signed tree head checked.
    var treeHead: TreeHead?
    /// The digest of the entries checked before the replay (``LeafDigest``).
    var digest = LeafDigest()
    /// Set once the replay has run: the leaf hashes, by sequence number, of the entries past the
    /// first walk that the replay read; each is checked, and removed, as the walk reaches it.
    var later: [Int: [UInt8]]?

    /// The walk's counts and tree head in `report`.
    func report(_ report: VerificationReport) -> VerificationReport {
        var report = report
        report.entries = entries
        report.treeHead = treeHead
        return report
    }

    enum Outcome: Sendable {
        case more, end
        case problem(VerificationProblem)
    }

    /// Checks up to ``segmentSize`` entries from ``expected`` in `store`, one snapshot, or, once
    /// past the log's size when the walk began (or the last entry the replay read), every entry
    /// to the log's end in it; at the end, checks the log's state in the same snapshot.
    mutating func segment(_ store: any RegistryStore) async throws -> Outcome {
        let keys = try await store.keys()
        let cryptoKeys = Dictionary(keys.compactMap { key in key.cryptoKey.map { (key.kid, $0) } }, uniquingKeysWith: { first, _ in first })
        if initialSize == nil { initialSize = try await store.logState().size }
        let registryID = registryID
        let key = key
        var remaining = segmentSize
        let first = expected - 1
        let firstLimit = min(LabelRegistry.pageSize, remaining)
        var next = Task {
            try await CheckedPage.read(after: first, limit: firstLimit, from: store, registry: registryID, keys: cryptoKeys, key: key)
        }
        var isFirstPage = true
        while true {
            let current = try await next.value
            if isFirstPage {
                isFirstPage = false
                try await duringSegment?()
            }
            guard let lastSeq = current.entries.last?.seq else {
                return try await end(store).map(Outcome.problem) ?? .end
            }
            remaining -= current.entries.count
            // Past its target the walk reads on to the log's end in this snapshot, so that
            // appends faster than a segment's check cannot keep it going.
            let target = later.flatMap { $0.keys.max() } ?? initialSize ?? 0
            let more = remaining > 0 || lastSeq >= target
            let limit = remaining > 0 ? min(LabelRegistry.pageSize, remaining) : LabelRegistry.pageSize
            if more {
                next = Task {
                    try await CheckedPage.read(after: lastSeq, limit: limit, from: store, registry: registryID, keys: cryptoKeys, key: key)
                }
            }
            if let problem = check(current) {
                if more {
                    next.cancel()
                    _ = try? await next.value
                }
                return .problem(problem)
            }
            if !more { return .more }
        }
    }

    /// Checks a page's entries in order against the walk so far.
    mutating func check(_ page: CheckedPage) -> VerificationProblem? {
        let storedNodes = page.nodes
        for (entry, (check, element)) in zip(page.entries, zip(page.checks, page.elements)) {
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
                    kind: entry.seq > (initialSize ?? 0) ? .inserted : .altered, seq: entry.seq, labelID: entry.labelID,
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
            if later == nil {
                digest.add(element)
            } else if let replayed = later?.removeValue(forKey: entry.seq), replayed != check.leafHash {
                return VerificationProblem(
                    kind: .altered, seq: entry.seq, labelID: entry.labelID,
                    detail: "it changed between the replay of its label and its check in log order")
            }
            if check.signed != nil {
                var head = entry.treeHead
                head.registry = registryID
                treeHead = head
            }
            entries = entry.seq
            expected += 1
        }
        return nil
    }

    /// The checks at the log's end, against the log's state in the same snapshot as its last entry.
    func end(_ store: any RegistryStore) async throws -> VerificationProblem? {
        if let unsignedSince {
            return VerificationProblem(
                kind: .inserted, seq: unsignedSince, labelID: nil,
                detail: "entries \(unsignedSince)–\(entries) end the log without a signed tree head (every appended batch ends with one)")
        }
        let state = try await store.logState()
        if let since, since.size > entries {
            return VerificationProblem(
                kind: .removed, seq: entries + 1, labelID: nil,
                detail: "the tree head given covers \(since.size) entries; the log has \(entries)")
        }
        if state.size > entries {
            return VerificationProblem(
                kind: .removed, seq: entries + 1, labelID: nil,
                detail: "the log's state counts \(state.size) entries; \(entries) are left")
        }
        if state.size < entries || state.frontier.root != frontier.root {
            return VerificationProblem(
                kind: .inserted, seq: state.size + 1, labelID: nil,
                detail: "the log has \(entries) entries; its state counts \(state.size)")
        }
        return nil
    }
}

/// `registry verify`'s replay of every label's events (read label by label, in id order),
/// compared with the stored label, walking the labels in the same order. Each segment of about
/// ``segmentSize`` entries ends at a label's last event, so that a label's events and its stored
/// record are read in one snapshot.
private struct LabelReplay: SegmentedCheck {
    let registryID: String
    let segmentSize: Int
    let key: LeafDigest.Key
    /// The entries up to this one were checked in log order before the replay: their digest is
    /// kept; those after it are kept by leaf hash (``later``).
    let bound: Int
    let duringSegment: (@Sendable () async throws -> Void)?
    /// The last label replayed in an earlier segment.
    var after: String?
    var labels = 0
    var digest = LeafDigest()
    var later: [Int: [UInt8]] = [:]

    /// The replay's count of labels in `report`.
    func report(_ report: VerificationReport) -> VerificationReport {
        var report = report
        report.labels = labels
        return report
    }

    /// Replays the labels after ``after`` in `store`, one snapshot, until about ``segmentSize``
    /// entries are replayed and a label ends, or the log ends.
    mutating func segment(_ store: any RegistryStore) async throws -> LogWalk.Outcome {
        var statements = SignedStatementChecks(keys: try await store.keys())
        var pages = LabelPages(store: store, after: after)
        var state = ReplayState()
        let key = key
        let position = after.map { (labelID: $0, seq: Int.max) }
        var next = Task { try await DecodedPage.read(after: position, from: store, key: key) }
        var isFirstPage = true
        var replayedEntries = 0
        var outcome: LogWalk.Outcome = .more
        do {
            pagesLoop: while true {
                let current = try await next.value
                if isFirstPage {
                    isFirstPage = false
                    try await duringSegment?()
                }
                guard let last = current.entries.last else {
                    if let problem = try await finishLabel(&state, pages: &pages, statements: &statements) {
                        outcome = .problem(problem)
                    } else if let extra = try await pages.next() {
                        outcome = .problem(
                            VerificationProblem(
                                kind: .inserted, seq: nil, labelID: extra.record.id, detail: "the label has no event in the log"))
                    } else {
                        outcome = .end
                    }
                    break pagesLoop
                }
                let lastPosition = (labelID: last.labelID, seq: last.seq)
                next = Task { try await DecodedPage.read(after: lastPosition, from: store, key: key) }
                for ((entry, leaf), leafHash) in zip(zip(current.entries, current.leaves), current.leafHashes) {
                    if entry.labelID != state.labelID {
                        if let problem = try await finishLabel(&state, pages: &pages, statements: &statements) {
                            outcome = .problem(problem)
                            break pagesLoop
                        }
                        if replayedEntries >= segmentSize {
                            outcome = .more
                            break pagesLoop
                        }
                        state = ReplayState(labelID: entry.labelID)
                    }
                    guard let leaf else {
                        outcome = .problem(
                            VerificationProblem(
                                kind: .altered, seq: entry.seq, labelID: entry.labelID, detail: "its content is not an event"))
                        break pagesLoop
                    }
                    do {
                        state.record = try LabelLifecycle.apply(leaf.event, to: state.record)
                    } catch {
                        outcome = .problem(
                            VerificationProblem(
                                kind: .altered, seq: entry.seq, labelID: entry.labelID,
                                detail: "its event does not follow the label's: \(error.problem)"))
                        break pagesLoop
                    }
                    if entry.seq <= bound {
                        digest.add(key.element(seq: entry.seq, leafHash: leafHash))
                    } else {
                        later[entry.seq] = leafHash
                    }
                    state.lastSeq = entry.seq
                    replayedEntries += 1
                }
            }
        } catch {
            // No read may outlive the snapshot (on PostgreSQL, its connection goes back to the pool).
            next.cancel()
            _ = try? await next.value
            await pages.finish()
            throw error
        }
        next.cancel()
        _ = try? await next.value
        await pages.finish()
        // A statement still waiting in the batch belongs to a label before any problem found.
        if let problem = await statements.flush() { return .problem(problem) }
        return outcome
    }

    /// The label being replayed in a segment: its id, its replay so far and its last entry.
    struct ReplayState {
        var labelID: String?
        var record: LabelRecord?
        var lastSeq = 0
    }

    /// Compares the label `state` replayed (if any) with its stored label; marks it done.
    private mutating func finishLabel(
        _ state: inout ReplayState, pages: inout LabelPages, statements: inout SignedStatementChecks
    ) async throws -> VerificationProblem? {
        guard let id = state.labelID, let replay = state.record else { return nil }
        let lastSeq = state.lastSeq
        state = ReplayState()
        if let stored = try await pages.peek(), stored.record.id < id {
            return VerificationProblem(kind: .inserted, seq: nil, labelID: stored.record.id, detail: "the label has no event in the log")
        }
        guard let stored = try await pages.next(), stored.record.id == id else {
            return VerificationProblem(kind: .removed, seq: lastSeq, labelID: id, detail: "the log has its events but the label is gone")
        }
        labels += 1
        after = id
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
        return await statements.add(id: id, jws: stored.jws, expected: SignedLabel(label: replay, registry: registryID))
    }
}

/// A page of log entries with what can be checked of each on its own (``EntryCheck``, on every
/// core), each entry's element of the walk's ``LeafDigest``, and the stored subtree hashes the
/// page completes, by key.
private struct CheckedPage: Sendable {
    let entries: [LogEntry]
    let checks: [EntryCheck]
    let elements: [LeafDigest.Element]
    let nodes: [MerkleNode.Key: [UInt8]]

    /// The page of at most `limit` entries after entry `seq`, checked.
    static func read(
        after seq: Int, limit: Int, from store: any RegistryStore, registry: String, keys: [String: Curve25519.Signing.PublicKey],
        key: LeafDigest.Key
    ) async throws -> CheckedPage {
        let entries = try await store.logEntries(after: seq, limit: limit)
        guard let first = entries.first?.seq, let last = entries.last?.seq else {
            return CheckedPage(entries: [], checks: [], elements: [], nodes: [:])
        }
        async let stored = store.merkleNodes(completedBy: first...max(first, last))
        let checked = await entries.concurrentMap { entry in
            let check = EntryCheck(entry, registry: registry, keys: keys)
            return (check, key.element(seq: entry.seq, leafHash: check.leafHash))
        }
        let nodes = Dictionary(try await stored.map { ($0.key, $0.hash) }, uniquingKeysWith: { first, _ in first })
        return CheckedPage(entries: entries, checks: checked.map(\.0), elements: checked.map(\.1), nodes: nodes)
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

/// A page of log entries in label order with their leaves decoded (on every core), nil for a
/// leaf that is not an event, and each leaf's hash recomputed from its content.
private struct DecodedPage: Sendable {
    let entries: [LogEntry]
    let leaves: [LogLeaf?]
    let leafHashes: [[UInt8]]

    /// The page of entries after `position` (label id, then log order), decoded.
    static func read(
        after position: (labelID: String, seq: Int)?, from store: any RegistryStore, key: LeafDigest.Key
    ) async throws -> DecodedPage {
        let entries = try await store.logEntriesByLabel(after: position, limit: LabelRegistry.pageSize)
        let decoded = await entries.concurrentMap { entry in
            (try? CanonicalJSON.decode(LogLeaf.self, from: entry.leaf), MerkleHash.leaf(entry.leaf.utf8))
        }
        return DecodedPage(entries: entries, leaves: decoded.map(\.0), leafHashes: decoded.map(\.1))
    }
}

/// The registry's labels in id order, a page at a time, the next page read while this one is
/// walked.
private struct LabelPages {
    let store: any RegistryStore
    var buffer: [StoredLabel] = []
    var index = 0
    var pending: Task<[StoredLabel], any Error>?

    /// The labels after label `id` (all when nil).
    init(store: any RegistryStore, after id: String?) {
        self.store = store
        pending = Task { try await store.labels(after: id, limit: LabelRegistry.pageSize) }
    }

    /// Waits for the page being read ahead, if any, so that no read outlives the snapshot.
    mutating func finish() async {
        pending?.cancel()
        _ = try? await pending?.value
        pending = nil
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
