import Foundation
import GRDB

/// The SQLite backend of ``RegistryStore``: one file in WAL mode, opened through GRDB, shared
/// safely by several processes (writes take SQLite's write lock at their start and wait for it).
public final class SQLiteRegistryStore: RegistryStore {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// Where reads go: the pool, or one snapshot of it (``withSnapshot(_:)``).
    let reader: any DatabaseReader
    /// The file's change counter (``ChangeStamping``), shared with snapshots of this store.
    let changeWatch: SQLiteChangeWatch

    private init(path: String, pool: DatabasePool, reader: (any DatabaseReader)? = nil, changeWatch: SQLiteChangeWatch? = nil) {
        self.path = path
        self.pool = pool
        self.reader = reader ?? pool
        self.changeWatch = changeWatch ?? SQLiteChangeWatch(path: path)
    }

    /// The size the WAL file is cut back to once a checkpoint has copied it into the database.
    /// A long read (a snapshot held while others write; `registry verify` holds one per segment
    /// and checkpoints between them) keeps checkpoints from resetting the WAL, which grows
    /// meanwhile by everything written (about 9 KiB per event appended; BENCHMARKS.md, section
    /// registry); without a limit the file would then keep that size for as long as any process
    /// has the registry open.
    static let walSizeLimit = 8 << 20

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_size_limit = \(walSizeLimit)")
        }
        return configuration
    }

    /// Creates a new, empty registry at `path` with identity `registryID`, created at `created`
    /// (ISO 8601). Refuses a path that exists; leaves nothing behind when it fails.
    public static func create(path: String, registryID: String, created: String) throws -> SQLiteRegistryStore {
        guard !FileManager.default.fileExists(atPath: path) else { throw RegistryError.alreadyExists(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let pool = try DatabasePool(path: path, configuration: configuration())
            try migrator.migrate(pool)
            try pool.write { db in
                for (key, value) in [("format_version", "\(formatVersion)"), ("registry_id", registryID), ("created", created)] {
                    try db.execute(sql: "INSERT INTO registry_meta (key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
            return SQLiteRegistryStore(path: path, pool: pool)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            if let error = error as? RegistryError { throw error }
            throw RegistryError.storage(path: path, message: "\(error)")
        }
    }

    /// Opens the registry at `path`, bringing an older format up to date. Refuses a missing
    /// file, a file that is not a registry and a registry from a newer fairlabel, without
    /// writing to any of them.
    public static func open(path: String) throws -> SQLiteRegistryStore {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw RegistryError.notFound(path: path) }
        guard !isFolder.boolValue else { throw RegistryError.notARegistry(path: path, why: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RegistryError.notARegistry(path: path, why: "it cannot be read")
        }
        let header = (try? handle.read(upToCount: 16)) ?? nil
        try? handle.close()
        guard let header, header == Data("SQLite format 3\0".utf8) else {
            throw RegistryError.notARegistry(path: path, why: "it is not an SQLite database")
        }
        do {
            // Look before writing anything, even the journal mode: read only.
            var readOnly = configuration()
            readOnly.readonly = true
            let (found, superseded) = try DatabaseQueue(path: path, configuration: readOnly).read { db -> (Int?, Bool) in
                guard try db.tableExists("registry_meta") else { return (nil, false) }
                let version = try String.fetchOne(db, sql: "SELECT value FROM registry_meta WHERE key = 'format_version'")
                return (version.flatMap(Int.init), try migrator.hasBeenSuperseded(db))
            }
            guard let found else {
                throw RegistryError.notARegistry(path: path, why: "it has no registry_meta table with a format version")
            }
            guard found <= formatVersion, !superseded else {
                throw RegistryError.newerFormat(path: path, found: max(found, formatVersion + 1), supported: formatVersion)
            }
            let pool = try DatabasePool(path: path, configuration: configuration())
            try migrator.migrate(pool)
            if found < formatVersion {
                try pool.write { db in
                    try db.execute(sql: "UPDATE registry_meta SET value = ? WHERE key = 'format_version'", arguments: ["\(formatVersion)"])
                }
            }
            return SQLiteRegistryStore(path: path, pool: pool)
        } catch let error as RegistryError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw RegistryError.notARegistry(path: path, why: "it is not an SQLite database")
        } catch {
            throw RegistryError.storage(path: path, message: Self.describe(error))
        }
    }

    /// A database error in a sentence, without the SQL arguments.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Runs `body`, turning database errors into ``RegistryError/storage(path:message:)``.
    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw RegistryError.storage(path: path, message: Self.describe(error))
        }
    }

    /// What this store holds, as ``RegistryInfo``.
    public func info() async throws -> RegistryInfo {
        try await guarded {
            try await reader.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM registry_meta")
                var values: [String: String] = [:]
                for row in rows { values[row["key"]] = row["value"] }
                return RegistryInfo(
                    id: values["registry_id"] ?? "", formatVersion: values["format_version"].flatMap(Int.init) ?? 0,
                    created: values["created"] ?? "")
            }
        }
    }

    /// See ``RegistryStore/append(labelIDs:_:)``: one IMMEDIATE transaction, with the log's
    /// state written once at its end.
    public func append(
        labelIDs: [String], _ prepare: @Sendable (_ index: Int, _ current: StoredLabel?, _ log: LogState) throws -> PreparedAppend
    ) async throws -> [PreparedAppend] {
        try await guarded {
            try await pool.writeWithoutTransaction { db in
                var results: [PreparedAppend] = []
                results.reserveCapacity(labelIDs.count)
                try db.inTransaction(.immediate) {
                    let stateRow = try Row.fetchOne(db, sql: "SELECT size, frontier_json FROM log_state WHERE id = 1")
                    guard let stateRow else { throw RegistryError.notARegistry(path: self.path, why: "its log_state row is missing") }
                    var log = LogState(
                        size: stateRow["size"], frontier: try CanonicalJSON.decode(MerkleFrontier.self, from: stateRow["frontier_json"]))
                    let read = try db.cachedStatement(sql: "SELECT * FROM label WHERE id = ?")
                    for (index, labelID) in labelIDs.enumerated() {
                        let current = try Row.fetchOne(read, arguments: [labelID]).map(Self.storedLabel)
                        let prepared = try prepare(index, current, log)
                        let identifiersChanged = current?.record.basis.identifiers != prepared.label.record.basis.identifiers
                        try Self.write(prepared, identifiersChanged: identifiersChanged, to: db)
                        log = prepared.log
                        results.append(prepared)
                    }
                    if !results.isEmpty {
                        try db.execute(
                            sql: "UPDATE log_state SET size = ?, frontier_json = ? WHERE id = 1",
                            arguments: [log.size, try CanonicalJSON.encode(log.frontier)])
                    }
                    return .commit
                }
                guard results.count == labelIDs.count else {
                    throw RegistryError.storage(path: self.path, message: "the transaction did not commit")
                }
                return results
            }
        }
    }

    /// Stores one append's label, its identifiers when they changed (at issue, or a renewal
    /// that changed them), its log entry and subtrees (not the log's state).
    private static func write(_ prepared: PreparedAppend, identifiersChanged: Bool, to db: Database) throws {
        let record = prepared.label.record
        let basis = record.basis
        let nextDue = record.openConditions.map(\.due).min()
        try db.cachedStatement(
            sql: """
                INSERT INTO label (id, organisation, organisation_folded, country, sector, scheme_id, scheme_version, decision,
                    status, issue_date, audit_date, valid_until, next_due, record_json, jws, last_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation,
                    organisation_folded = excluded.organisation_folded, country = excluded.country, sector = excluded.sector,
                    scheme_id = excluded.scheme_id, scheme_version = excluded.scheme_version, decision = excluded.decision,
                    status = excluded.status, issue_date = excluded.issue_date, audit_date = excluded.audit_date,
                    valid_until = excluded.valid_until, next_due = excluded.next_due, record_json = excluded.record_json,
                    jws = excluded.jws, last_seq = excluded.last_seq
                """
        ).execute(arguments: [
            record.id, basis.organisation, SearchText.fold(basis.organisation), basis.country, basis.sector, basis.schemeID,
            basis.schemeVersion, basis.decision.rawValue, record.status.rawValue, record.issueDate, basis.auditDate,
            basis.validUntil, nextDue, try CanonicalJSON.encode(record), prepared.label.jws, prepared.label.lastSeq,
        ])
        if identifiersChanged {
            try db.cachedStatement(sql: "DELETE FROM label_identifier WHERE label_id = ?").execute(arguments: [record.id])
            for identifier in Set(basis.identifiers) {
                try db.cachedStatement(sql: "INSERT INTO label_identifier (label_id, identifier, number) VALUES (?, ?, ?)").execute(
                    arguments: [record.id, identifier, LabelQuery.number(of: identifier)])
            }
        }
        let entry = prepared.entry
        try db.cachedStatement(
            sql: "INSERT INTO log_entry (seq, label_id, leaf, leaf_hash, root, kid, signature) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            entry.seq, entry.labelID, entry.leaf, Data(entry.leafHash), entry.treeHead.root, entry.treeHead.kid,
            entry.treeHead.signature,
        ])
        for node in prepared.nodes { try insert(node, into: db) }
    }

    /// The label in a `label` row. The status column wins over the JSON's, so that a status
    /// changed behind the registry's back shows in `verify`.
    private static func storedLabel(_ row: Row) throws -> StoredLabel {
        var record = try CanonicalJSON.decode(LabelRecord.self, from: row["record_json"])
        let status: String = row["status"]
        if let stored = LabelStatus(rawValue: status) { record.status = stored }
        return StoredLabel(record: record, jws: row["jws"], lastSeq: row["last_seq"])
    }

    private func logEntry(_ row: Row) -> LogEntry {
        let leafHash: Data = row["leaf_hash"]
        let seq: Int = row["seq"]
        return LogEntry(
            seq: seq, labelID: row["label_id"], leaf: row["leaf"], leafHash: Array(leafHash),
            treeHead: TreeHead(registry: "", size: seq, root: row["root"], kid: row["kid"], signature: row["signature"]))
    }

    /// See ``RegistryStore/withSnapshot(_:)``: a GRDB snapshot, one connection that holds a read
    /// transaction open on the WAL, so that appends committed meanwhile stay out of its view.
    public func withSnapshot<T: Sendable>(_ body: (any RegistryStore) async throws -> T) async throws -> T {
        let snapshot = try await guarded { try pool.makeSnapshot() }
        return try await body(SQLiteRegistryStore(path: path, pool: pool, reader: snapshot, changeWatch: changeWatch))
    }

    /// See ``RegistryStore/checkpoint()``.
    ///
    /// A restarting checkpoint: it waits for the write under way, holds new writes back while it
    /// copies the WAL into the database, and leaves the WAL to be started over by the next write.
    /// A passive one (which waits for nobody) is not enough with a writer that is always in a
    /// transaction: it never finds the WAL free, and a verify beside 30 000 appends left it at
    /// 280 MB either way. It waits at most ``checkpointWait`` for other readers and the writer,
    /// and gives up (throws) past that, so that a reader holding an old snapshot elsewhere keeps
    /// writers waiting no longer than that.
    public func checkpoint() async throws {
        try await guarded {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = \(Self.checkpointWait)")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = 60000") }
                _ = try db.checkpoint(.restart)
            }
        }
    }

    /// How long, in milliseconds, ``checkpoint()`` waits for readers and the writer.
    static let checkpointWait = 250

    /// See ``RegistryStore/label(id:)``.
    public func label(id: String) async throws -> StoredLabel? {
        try await guarded {
            try await reader.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM label WHERE id = ?", arguments: [id]).map(Self.storedLabel)
            }
        }
    }

    /// See ``RegistryStore/search(_:)``.
    public func search(_ query: LabelQuery) async throws -> [StoredLabel] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        // The phrase to look up in the index, used when the index pays (``indexedRowids(_:limit:in:)``).
        var nameMatch: String?
        if let name = query.name {
            let folded = SearchText.fold(name)
            if let match = Self.nameMatch(folded) {
                // The trigram index narrows the labels down; LIKE keeps the result exactly as before.
                nameMatch = match
            }
            conditions.append(#"organisation_folded LIKE ? ESCAPE '\'"#)
            arguments.append("%" + LabelQuery.likeEscaped(folded) + "%")
        }
        if let identifier = query.identifier {
            conditions.append(
                "id IN (SELECT label_id FROM label_identifier WHERE identifier = ? OR number = ?)")
            arguments.append(identifier)
            arguments.append(LabelQuery.number(of: identifier))
        }
        let equalities: [(String, String?)] = [
            ("country", query.country?.uppercased()), ("sector", query.sector), ("status", query.status?.rawValue),
            ("scheme_id", query.schemeID), ("scheme_version", query.schemeVersion),
        ]
        for (column, value) in equalities {
            if let value {
                conditions.append("\(column) = ?")
                arguments.append(value)
            }
        }
        let ranges: [(String, String, String?)] = [
            ("issue_date", ">=", query.issuedFrom), ("issue_date", "<=", query.issuedTo), ("valid_until", ">=", query.validFrom),
            ("valid_until", "<=", query.validTo),
        ]
        for (column, comparison, value) in ranges {
            if let value {
                conditions.append("\(column) \(comparison) ?")
                arguments.append(value)
            }
        }
        if let after = query.after {
            // A label id that is not there leaves nothing after it.
            conditions.append("(issue_date, id) > ((SELECT issue_date FROM label WHERE id = ?), ?)")
            arguments.append(after)
            arguments.append(after)
        }
        arguments.append(query.limit)
        func statement(_ conditions: [String]) -> String {
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return "SELECT * FROM label \(whereClause) ORDER BY issue_date, id LIMIT ?"
        }
        let inOrder = statement(conditions)
        let throughIndex = statement(["rowid IN (SELECT value FROM json_each(?))"] + conditions)
        let statementArguments = StatementArguments(arguments)
        let limit = query.limit
        let match = nameMatch
        return try await guarded {
            try await reader.read { db in
                // The rowids the index gives, as a JSON array, or nil when reading in order is cheaper.
                if let match, let rowids = try Self.indexedRowids(match, limit: limit, in: db) {
                    return try Row.fetchAll(db, sql: throughIndex, arguments: [rowids] + statementArguments).map(Self.storedLabel)
                }
                return try Row.fetchAll(db, sql: inOrder, arguments: statementArguments).map(Self.storedLabel)
            }
        }
    }

    /// The rowids of the labels whose names match the FTS5 phrase `match`, as a JSON array, when
    /// a name search is faster through the trigram index than by reading the labels in the
    /// search's order; nil when it is not. Through the index, every label whose name matches is
    /// read and sorted by issue date; in order, reading stops at the `limit`-th match, after about
    /// `limit × labels / matches` labels. The index pays while `matches² ≤ limit × labels`: for a
    /// whole name or a rare word, not for a word thousands of names share (16 000 of 100 000
    /// names: 35 ms through the index, 3 ms in order). SQLite's planner knows nothing of an FTS5
    /// table's matches, so they are read from the index, up to that bound, and used as they are.
    static func indexedRowids(_ match: String, limit: Int, in db: Database) throws -> String? {
        // Label rowids only grow: the largest is the number of labels ever stored (O(log n)).
        let labels = try Int.fetchOne(db, sql: "SELECT max(rowid) FROM label") ?? 0
        let bound = max(limit, Int(Double(max(limit, 1)).squareRoot() * Double(labels).squareRoot()))
        let rowids = try Int64.fetchAll(
            db, sql: "SELECT rowid FROM label_name WHERE label_name MATCH ? LIMIT ?", arguments: [match, bound + 1])
        guard rowids.count <= bound else { return nil }
        return "[" + rowids.map(String.init).joined(separator: ",") + "]"
    }

    /// See ``RegistryStore/labels(after:limit:)``.
    public func labels(after id: String?, limit: Int) async throws -> [StoredLabel] {
        try await guarded {
            try await reader.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM label WHERE id > ? ORDER BY id LIMIT ?", arguments: [id ?? "", limit])
                    .map(Self.storedLabel)
            }
        }
    }

    /// See ``RegistryStore/labelCounts()``.
    public func labelCounts() async throws -> LabelCounts {
        try await guarded {
            try await reader.read { db in
                var counts = LabelCounts()
                let rows = try Row.fetchCursor(db, sql: LabelCounts.sql)
                while let row = try rows.next() { counts.add(dimension: row[0], value: row[1], count: row[2]) }
                return counts
            }
        }
    }

    /// See ``RegistryStore/sweepCandidates(asOf:)``.
    public func sweepCandidates(asOf date: String) async throws -> [String] {
        try await guarded {
            try await reader.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM label WHERE (status IN ('active', 'suspended') AND valid_until < ?)
                            OR (status = 'active' AND next_due IS NOT NULL AND next_due < ?)
                        ORDER BY id
                        """, arguments: [date, date])
            }
        }
    }

    /// See ``RegistryStore/history(labelID:)``.
    public func history(labelID: String) async throws -> [LogEntry] {
        try await guarded {
            try await reader.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM log_entry WHERE label_id = ? ORDER BY seq", arguments: [labelID]).map(
                    self.logEntry)
            }
        }
    }

    /// See ``RegistryStore/logEntries(after:limit:)``.
    public func logEntries(after seq: Int, limit: Int) async throws -> [LogEntry] {
        try await guarded {
            try await reader.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM log_entry WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
                    .map(self.logEntry)
            }
        }
    }

    /// See ``RegistryStore/logEntriesByLabel(after:limit:)``.
    public func logEntriesByLabel(after position: (labelID: String, seq: Int)?, limit: Int) async throws -> [LogEntry] {
        let labelID = position?.labelID ?? ""
        let seq = position?.seq ?? Int.min
        return try await guarded {
            try await reader.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM log_entry WHERE (label_id, seq) > (?, ?) ORDER BY label_id, seq LIMIT ?",
                    arguments: [labelID, seq, limit]
                ).map(self.logEntry)
            }
        }
    }

    /// See ``RegistryStore/logState()``.
    public func logState() async throws -> LogState {
        try await guarded {
            try await reader.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT size, frontier_json FROM log_state WHERE id = 1") else {
                    return LogState(size: 0, frontier: MerkleFrontier())
                }
                return LogState(size: row["size"], frontier: try CanonicalJSON.decode(MerkleFrontier.self, from: row["frontier_json"]))
            }
        }
    }

    /// See ``RegistryStore/leafHashes(upTo:)``.
    public func leafHashes(upTo size: Int) async throws -> [[UInt8]] {
        try await guarded {
            try await reader.read { db in
                try Data.fetchAll(db, sql: "SELECT leaf_hash FROM log_entry WHERE seq <= ? ORDER BY seq", arguments: [size]).map {
                    Array($0)
                }
            }
        }
    }

    /// See ``RegistryStore/proofNodes(_:)``.
    public func proofNodes(_ keys: Set<MerkleNode.Key>) async throws -> (logSize: Int, nodes: [MerkleNode.Key: [UInt8]]) {
        try await guarded {
            try await reader.read { db in
                let size = try Int.fetchOne(db, sql: "SELECT size FROM log_state WHERE id = 1") ?? 0
                var hashes: [MerkleNode.Key: [UInt8]] = [:]
                // Prepared once per connection: a proof reads about 40 hashes.
                let leaf = try db.cachedStatement(sql: "SELECT leaf_hash FROM log_entry WHERE seq = ?")
                let node = try db.cachedStatement(sql: "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?")
                for key in keys {
                    let hash =
                        key.level == 0
                        ? try Data.fetchOne(leaf, arguments: [key.index + 1])
                        : try Data.fetchOne(node, arguments: [key.level, key.index])
                    if let hash { hashes[key] = Array(hash) }
                }
                return (size, hashes)
            }
        }
    }

    /// See ``RegistryStore/merkleNodes(completedBy:)``: one range read per level.
    public func merkleNodes(completedBy entries: ClosedRange<Int>) async throws -> [MerkleNode] {
        try await guarded {
            try await reader.read { db in
                var nodes: [MerkleNode] = []
                for (level, indexes) in MerkleNode.completed(by: entries) {
                    let rows = try Row.fetchCursor(
                        db, sql: "SELECT idx, hash FROM merkle_node WHERE level = ? AND idx BETWEEN ? AND ?",
                        arguments: [level, indexes.lowerBound, indexes.upperBound])
                    while let row = try rows.next() {
                        let hash: Data = row["hash"]
                        nodes.append(MerkleNode(level: level, index: row["idx"], hash: Array(hash)))
                    }
                }
                return nodes
            }
        }
    }

    /// See ``RegistryStore/recordAudit(_:)``.
    public func recordAudit(_ audit: RecordedAudit) async throws -> Bool {
        var summary = audit
        summary.reportJSON = ""
        summary.restricted = []
        let auditJSON = try CanonicalJSON.encode(summary)
        return try await guarded {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO audit_record (key, organisation, organisation_folded, audit_date, decision, label_id, audit_json,
                            report_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING
                        """,
                    arguments: [
                        audit.key, audit.organisation, SearchText.fold(audit.organisation), audit.auditDate, audit.decision,
                        audit.labelID, auditJSON, audit.reportJSON,
                    ])
                guard db.changesCount > 0 else { return false }
                for identifier in Set(audit.identifiers) {
                    try db.execute(
                        sql: "INSERT INTO audit_identifier (audit_key, identifier) VALUES (?, ?)", arguments: [audit.key, identifier])
                }
                for notice in audit.restricted {
                    try db.execute(
                        sql: "INSERT INTO restricted_notice (audit_key, kind, site, text, notice_json) VALUES (?, ?, ?, ?, ?)",
                        arguments: [audit.key, notice.kind, notice.site, notice.text, notice.json])
                }
                return true
            }
        }
    }

    /// See ``RegistryStore/audits(identifiers:organisation:)``.
    public func audits(identifiers: [String], organisation: String) async throws -> [RecordedAudit] {
        try await guarded {
            try await reader.read { db in
                let rows: [Row]
                if identifiers.isEmpty {
                    rows = try Row.fetchAll(
                        db, sql: "SELECT audit_json, report_json FROM audit_record WHERE organisation_folded = ? ORDER BY audit_date, key",
                        arguments: [SearchText.fold(organisation)])
                } else {
                    let marks = Array(repeating: "?", count: identifiers.count).joined(separator: ", ")
                    rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT audit_json, report_json FROM audit_record WHERE key IN
                                (SELECT audit_key FROM audit_identifier WHERE identifier IN (\(marks)))
                            ORDER BY audit_date, key
                            """, arguments: StatementArguments(identifiers))
                }
                return try rows.map { row in
                    var audit = try CanonicalJSON.decode(RecordedAudit.self, from: row["audit_json"])
                    audit.reportJSON = row["report_json"]
                    return audit
                }
            }
        }
    }

    /// See ``RegistryStore/restrictedNotices(auditKey:)``.
    public func restrictedNotices(auditKey: String) async throws -> [RestrictedNotice] {
        try await guarded {
            try await reader.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT kind, site, text, notice_json FROM restricted_notice WHERE audit_key = ? ORDER BY id",
                    arguments: [auditKey]
                ).map { RestrictedNotice(kind: $0["kind"], site: $0["site"], text: $0["text"], json: $0["notice_json"]) }
            }
        }
    }

    /// See ``RegistryStore/keys()``.
    public func keys() async throws -> [PublicSigningKey] {
        try await guarded {
            try await reader.read { db in
                try Row.fetchAll(db, sql: "SELECT kid, x, created, retired FROM signing_key ORDER BY created, rowid").map {
                    PublicSigningKey(kid: $0["kid"], x: $0["x"], created: $0["created"], retired: $0["retired"])
                }
            }
        }
    }

    /// See ``RegistryStore/addKey(_:)``.
    public func addKey(_ key: PublicSigningKey) async throws {
        try await guarded {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO signing_key (kid, x, created, retired) VALUES (?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING",
                    arguments: [key.kid, key.x, key.created, key.retired])
            }
        }
    }

    /// See ``RegistryStore/retireKey(kid:on:)``.
    public func retireKey(kid: String, on date: String) async throws {
        try await guarded {
            try await pool.write { db in
                let exists =
                    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM signing_key WHERE kid = ?)", arguments: [kid]) ?? false
                guard exists else { throw RegistryError.unknownKey(kid) }
                try db.execute(sql: "UPDATE signing_key SET retired = ? WHERE kid = ? AND retired IS NULL", arguments: [date, kid])
            }
        }
    }
}

extension LabelQuery {
    /// An identifier's number: what follows its scheme prefix (`LEI:…` gives the LEI).
    static func number(of identifier: String) -> String {
        guard let colon = identifier.firstIndex(of: ":") else { return identifier }
        return String(identifier[identifier.index(after: colon)...])
    }

    /// `text` with LIKE's wildcards and the escape character escaped.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
            of: "_", with: "\\_")
    }
}
