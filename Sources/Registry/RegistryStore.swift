/// Where a registry keeps its labels, events, audits and keys: one interface, one backend per
/// database (SQLite, PostgreSQL). Every SQL statement lives behind it; every decision
/// (the lifecycle, the hashes, the signatures) is made by ``LabelRegistry`` in the closures it
/// passes in, so that all backends behave alike.
public protocol RegistryStore: Sendable {
    /// The registry's identity and format, as stored when it was created.
    func info() async throws -> RegistryInfo

    /// In one transaction, for each of `labelIDs` in order: reads the label (nil when it does not
    /// exist; as the batch left it when it appears twice) and the log's state, calls `prepare`
    /// with the label's index in `labelIDs`, and stores what it returns (the label, its log
    /// entry, the log's new state). Stores all of them, or nothing at all when a `prepare` or a
    /// write throws. Concurrent calls are serialised, so that no two entries get the same place
    /// in the log.
    func append(
        labelIDs: [String], _ prepare: @Sendable (_ index: Int, _ current: StoredLabel?, _ log: LogState) throws -> PreparedAppend
    ) async throws -> [PreparedAppend]

    /// The label with this id, or nil.
    func label(id: String) async throws -> StoredLabel?

    /// Runs `body` with a view of this store whose reads all see one consistent state of the
    /// database, as it was when the view was taken (one read transaction): what other writers
    /// commit meanwhile is not seen. For checks that read the whole registry page by page
    /// (`verify`) while others append.
    func withSnapshot<T: Sendable>(_ body: (any RegistryStore) async throws -> T) async throws -> T

    /// Gives back, between two read transactions of a long check, what reads held back: SQLite
    /// copies its WAL into the database (a restarting checkpoint, waiting briefly for others),
    /// so that the next write starts the WAL over instead of growing it; PostgreSQL does nothing
    /// (its own checkpoints and vacuum are the server's).
    func checkpoint() async throws

    /// The labels that match `query`, by issue date then id, after `query.after` when given.
    func search(_ query: LabelQuery) async throws -> [StoredLabel]

    /// Up to `limit` labels with ids after `id` (from the first when nil), by id: a page of the
    /// whole registry, for checks and exports that must not hold it all in memory.
    func labels(after id: String?, limit: Int) async throws -> [StoredLabel]

    /// How many labels there are by status, country, sector, scheme version and month of
    /// issue, counted by the database in one statement (``LabelCounts/sql``) over the label
    /// table's indexes: what the regulator's overview shows, without reading the labels.
    func labelCounts() async throws -> LabelCounts

    /// The ids of the labels a sweep on `date` may have to change: active or suspended labels
    /// valid until before `date`, and active labels with a condition due before `date`.
    func sweepCandidates(asOf date: String) async throws -> [String]

    /// The log entries of one label, in log order.
    func history(labelID: String) async throws -> [LogEntry]

    /// Up to `limit` log entries after entry `seq` (0: from the first), in log order.
    func logEntries(after seq: Int, limit: Int) async throws -> [LogEntry]

    /// Up to `limit` log entries after (`labelID`, `seq`), ordered by label id then log order:
    /// every label's events together, for replaying them.
    func logEntriesByLabel(after position: (labelID: String, seq: Int)?, limit: Int) async throws -> [LogEntry]

    /// The log's current state (size and frontier).
    func logState() async throws -> LogState

    /// The leaf hashes of entries 1 through `size`, in order, for proofs.
    func leafHashes(upTo size: Int) async throws -> [[UInt8]]

    /// The log's size and the hashes of the perfect subtrees with these keys (level 0: the
    /// entries' leaf hashes), read together in one read (one round trip to a server), for
    /// proofs; a key the log does not have yet is left out.
    func proofNodes(_ keys: Set<MerkleNode.Key>) async throws -> (logSize: Int, nodes: [MerkleNode.Key: [UInt8]])

    /// The stored perfect subtrees (level 1 and up) that entries `entries` complete, that is
    /// those whose last leaf is one of them, in no particular order: what `verify` checks
    /// against its own recomputation, a page at a time.
    func merkleNodes(completedBy entries: ClosedRange<Int>) async throws -> [MerkleNode]

    /// Records an audit with its report and restricted notices, unless an audit with the same
    /// ``RecordedAudit/key`` is recorded already; returns whether it was new.
    func recordAudit(_ audit: RecordedAudit) async throws -> Bool

    /// The audits recorded for an organisation with one of `identifiers`, or named `organisation`
    /// when none, oldest first, without their restricted notices.
    func audits(identifiers: [String], organisation: String) async throws -> [RecordedAudit]

    /// The restricted notices (referrals, escalations) recorded with the audit whose key is
    /// `auditKey`. Never part of a public export.
    func restrictedNotices(auditKey: String) async throws -> [RestrictedNotice]

    /// The registry's public keys, oldest first.
    func keys() async throws -> [PublicSigningKey]

    /// Adds a public key, or does nothing when its kid is there already.
    func addKey(_ key: PublicSigningKey) async throws

    /// Marks a key retired on `date`: it signs nothing new but still verifies.
    func retireKey(kid: String, on date: String) async throws
}

extension RegistryStore {
    /// In one transaction: reads label `labelID` (nil when it does not exist) and the log's
    /// state, calls `prepare`, and stores what it returns (the label, its log entry, the log's
    /// new state), or nothing at all when `prepare` or a write throws: a batch of one
    /// (``append(labelIDs:_:)``).
    public func append(
        labelID: String, _ prepare: @Sendable (_ current: StoredLabel?, _ log: LogState) throws -> PreparedAppend
    ) async throws -> PreparedAppend {
        let appended = try await append(labelIDs: [labelID]) { _, current, log in try prepare(current, log) }
        // A store that stored other than one entry for one label is broken: a bug, not an input.
        precondition(appended.count == 1, "a store appended \(appended.count) entries for one label")
        return appended[0]
    }
}

/// The registry's identity and format.
public struct RegistryInfo: Sendable, Hashable, Codable {
    /// The registry's identifier, named in every label and tree head it signs.
    public var id: String
    /// The format version the registry was last written with.
    public var formatVersion: Int
    /// When it was created (ISO 8601).
    public var created: String

    /// An identity from its parts.
    public init(id: String, formatVersion: Int, created: String) {
        self.id = id
        self.formatVersion = formatVersion
        self.created = created
    }
}

/// A label as stored: its record and its latest signed statement.
public struct StoredLabel: Sendable, Hashable {
    /// The label.
    public var record: LabelRecord
    /// The latest JWS signed for it (at issue or renewal).
    public var jws: String
    /// The log entry of its last event.
    public var lastSeq: Int

    /// A stored label from its parts.
    public init(record: LabelRecord, jws: String, lastSeq: Int) {
        self.record = record
        self.jws = jws
        self.lastSeq = lastSeq
    }
}

/// The log's state: how many entries it has and the frontier of its Merkle tree.
public struct LogState: Sendable, Hashable, Codable {
    /// The number of entries.
    public var size: Int
    /// The tree's frontier at that size.
    public var frontier: MerkleFrontier

    /// A state from its parts.
    public init(size: Int, frontier: MerkleFrontier) {
        self.size = size
        self.frontier = frontier
    }
}

/// What one append stores: the label after the event, its entry, and the log's new state.
public struct PreparedAppend: Sendable, Hashable {
    /// The label after the event.
    public var label: StoredLabel
    /// The log entry for the event.
    public var entry: LogEntry
    /// The log's state after it.
    public var log: LogState
    /// The perfect subtrees the entry completes (level 1 and up), to store for proofs.
    public var nodes: [MerkleNode]

    /// An append from its parts.
    public init(label: StoredLabel, entry: LogEntry, log: LogState, nodes: [MerkleNode] = []) {
        self.label = label
        self.entry = entry
        self.log = log
        self.nodes = nodes
    }
}

/// One entry of the log: an event, its leaf hash and the signed tree head after it.
public struct LogEntry: Sendable, Hashable {
    /// Its place in the log, from 1; the tree's size once it is appended.
    public var seq: Int
    /// The label it is about.
    public var labelID: String
    /// The leaf: the event's canonical JSON (``LogLeaf``), exactly as hashed.
    public var leaf: String
    /// SHA-256(0x00 || leaf).
    public var leafHash: [UInt8]
    /// The tree head signed after it.
    public var treeHead: TreeHead

    /// An entry from its parts.
    public init(seq: Int, labelID: String, leaf: String, leafHash: [UInt8], treeHead: TreeHead) {
        self.seq = seq
        self.labelID = labelID
        self.leaf = leaf
        self.leafHash = leafHash
        self.treeHead = treeHead
    }
}

/// Which labels a search wants; nil fields do not restrict it.
public struct LabelQuery: Sendable, Hashable {
    /// Part of the organisation's name, case and accents ignored.
    public var name: String?
    /// A legal identifier, exactly (`LEI:…`), or its number alone.
    public var identifier: String?
    /// Country (ISO 3166-1 alpha-2).
    public var country: String?
    /// Sector code.
    public var sector: String?
    /// Status.
    public var status: LabelStatus?
    /// Scheme id.
    public var schemeID: String?
    /// Scheme version.
    public var schemeVersion: String?
    /// Issued on or after (YYYY-MM-DD).
    public var issuedFrom: String?
    /// Issued on or before (YYYY-MM-DD).
    public var issuedTo: String?
    /// Valid until on or after (YYYY-MM-DD).
    public var validFrom: String?
    /// Valid until on or before (YYYY-MM-DD).
    public var validTo: String?
    /// At most this many results.
    public var limit: Int
    /// Only labels after this one in the search's order (issue date, then id): the id of the last
    /// label of the previous page, to read a search page by page. Nil: from the first.
    public var after: String?

    /// A query; every criterion is optional.
    public init(
        name: String? = nil, identifier: String? = nil, country: String? = nil, sector: String? = nil, status: LabelStatus? = nil,
        schemeID: String? = nil, schemeVersion: String? = nil, issuedFrom: String? = nil, issuedTo: String? = nil,
        validFrom: String? = nil, validTo: String? = nil, limit: Int = 1000
    ) {
        self.name = name
        self.identifier = identifier
        self.country = country
        self.sector = sector
        self.status = status
        self.schemeID = schemeID
        self.schemeVersion = schemeVersion
        self.issuedFrom = issuedFrom
        self.issuedTo = issuedTo
        self.validFrom = validFrom
        self.validTo = validTo
        self.limit = limit
    }
}
