import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The PostgreSQL backend of ``RegistryStore``, through postgres-nio: one database that many
/// processes on many machines share. Appends lock the log's state row (`SELECT … FOR UPDATE`), so
/// that concurrent writers take their turn and never give two events the same place in the log.
public final class PostgresRegistryStore: RegistryStore {
    /// Where the registry lives (without its password).
    public let location: PostgresLocation
    let client: PostgresClient
    /// The task that runs the client's pool; nil in a snapshot's view, which borrows its store's.
    private let runner: Task<Void, Never>?
    /// In a snapshot's view (``withSnapshot(_:)``): the connection whose read-only transaction
    /// every read goes through.
    let snapshotConnection: PostgresConnection?
    /// Set once this store made sure the planner has statistics on names (``ensureNameStatistics()``).
    let statisticsChecked: OnceFlag
    /// The connections proofs and label checks read through when one is free; a snapshot view
    /// shares its store's.
    let kept: KeptConnections
    /// How many connections a store keeps beside its pool, each opened when reads first need it:
    /// with 32 clients checking labels at once, 4 answered 5–10 % more checks a second than 1 on
    /// two cores (the round trip, not the connection, is what bounds them).
    static let keptConnectionCount = 4
    let logger = Logger(label: "fairlabel.registry.postgres") { _ in SwiftLogNoOpLogHandler() }

    private init(location: PostgresLocation) throws {
        self.location = location
        client = PostgresClient(configuration: try Self.clientConfiguration(location), backgroundLogger: logger)
        let client = client
        runner = Task { await client.run() }
        snapshotConnection = nil
        statisticsChecked = OnceFlag()
        kept = KeptConnections(count: Self.keptConnectionCount, configuration: try Self.connectionConfiguration(location), logger: logger)
    }

    /// A view of `store` whose reads go through `connection`.
    private init(viewOf store: PostgresRegistryStore, connection: PostgresConnection) {
        location = store.location
        client = store.client
        runner = nil
        snapshotConnection = connection
        statisticsChecked = store.statisticsChecked
        kept = store.kept
    }

    deinit {
        guard let runner else { return }
        runner.cancel()
        kept.close()
    }

    /// See ``RegistryStore/withSnapshot(_:)``: one pooled connection in a `REPEATABLE READ, READ
    /// ONLY` transaction, whose first query fixes the snapshot every later read sees.
    public func withSnapshot<T: Sendable>(_ body: (any RegistryStore) async throws -> T) async throws -> T {
        try await guarded {
            try await client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    // The snapshot is taken at the transaction's first query, before `body` runs.
                    _ = try await Self.scalar("SELECT 1", Int.self, on: connection, logger: logger)
                    let result = try await body(PostgresRegistryStore(viewOf: self, connection: connection))
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// See ``RegistryStore/checkpoint()``: nothing to give back; the server checkpoints and
    /// vacuums on its own.
    public func checkpoint() async throws {}

    /// Creates the registry's schema in the (existing, empty of a registry) database `location`
    /// names, with identity `registryID`, created at `created` (ISO 8601). Refuses a database that
    /// holds a registry already; writes nothing when it fails.
    public static func create(location: PostgresLocation, registryID: String, created: String) async throws -> PostgresRegistryStore {
        try await withProbe(location) { connection, logger in
            try await migrate(on: connection, location: location, creating: (registryID, created), logger: logger)
        }
        return try PostgresRegistryStore(location: location)
    }

    /// Opens the registry in the database `location` names, bringing an older format up to date.
    /// Refuses a server it cannot reach or that refuses it, a database that is not a registry and a
    /// registry from a newer fairlabel, without writing to any of them.
    public static func open(location: PostgresLocation) async throws -> PostgresRegistryStore {
        try await withProbe(location) { connection, logger in
            try await migrate(on: connection, location: location, creating: nil, logger: logger)
        }
        return try PostgresRegistryStore(location: location)
    }

    /// Runs `body` on a connection of its own, opened directly rather than through the pool so
    /// that a server that is down or refuses the user fails at once with a clear reason.
    private static func withProbe(
        _ location: PostgresLocation, _ body: (PostgresConnection, Logger) async throws -> Void
    ) async throws {
        let logger = Logger(label: "fairlabel.registry.postgres") { _ in SwiftLogNoOpLogHandler() }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try connectionConfiguration(location), id: 0, logger: logger)
        } catch {
            throw RegistryError.unreachable(location: location.description, why: reason(error))
        }
        defer { Task { try? await connection.close() } }
        do {
            try await body(connection, logger)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.storage(path: location.description, message: reason(error))
        }
    }

    private static func tlsConfiguration() -> TLSConfiguration { .makeClientConfiguration() }

    static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: tlsConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    private static func clientConfiguration(_ location: PostgresLocation) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(tlsConfiguration())
            case .require: .require(tlsConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = 8
        return configuration
    }

    /// What went wrong, in a sentence without the query's arguments or the password.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else {
            if let error = error as? PostgresDecodingError { return "a column holds an unexpected type (\(error.code))" }
            return "\(error)"
        }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// Runs `body`, turning database errors into ``RegistryError``s that name the registry.
    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RegistryError {
            throw error
        } catch let error as LifecycleError {
            throw error
        } catch let error as PSQLError where error.code == .connectionError || error.code == .serverClosedConnection {
            throw RegistryError.unreachable(location: location.description, why: Self.reason(error))
        } catch let error as PSQLError {
            throw RegistryError.storage(path: location.description, message: Self.reason(error))
        } catch let error as PostgresDecodingError {
            throw RegistryError.storage(path: location.description, message: Self.reason(error))
        }
    }

    /// Runs `body` between BEGIN and COMMIT on `connection`, rolling back when it throws, and
    /// rethrowing its error as it is.
    static func transaction<T>(
        on connection: PostgresConnection, logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> sending T
    ) async throws -> sending T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body()
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// The first row of `query` turned by `transform`, or nil when there is no row.
    static func first<T>(
        _ query: PostgresQuery, on connection: PostgresConnection, logger: Logger, _ transform: (PostgresRow) throws -> T
    ) async throws -> T? {
        var result: T?
        for try await row in try await connection.query(query, logger: logger) where result == nil { result = try transform(row) }
        return result
    }

    /// The first column of the first row of `query`, or nil when there is no row.
    static func scalar<T: PostgresDecodable>(
        _ query: PostgresQuery, _ type: T.Type, on connection: PostgresConnection, logger: Logger
    ) async throws -> T? {
        try await first(query, on: connection, logger: logger) { try $0.decode(T.self) }
    }

    /// All rows of `query` on a pooled connection, each turned by `transform`.
    func rows<T: Sendable>(_ query: PostgresQuery, _ transform: @escaping (PostgresRow) throws -> T) async throws -> [T] {
        let logger = logger
        if let connection = snapshotConnection {
            return try await guarded {
                var results: [T] = []
                for try await row in try await connection.query(query, logger: logger) { results.append(try transform(row)) }
                return results
            }
        }
        return try await guarded {
            try await client.withConnection { connection in
                var results: [T] = []
                for try await row in try await connection.query(query, logger: logger) { results.append(try transform(row)) }
                return results
            }
        }
    }

    /// All rows of the prepared `statement` on the snapshot's connection, the kept connection when
    /// one is free (``KeptConnections``) or else a pooled one; each prepares it the first time it
    /// runs it.
    func prepared<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        let logger = logger
        let run: (PostgresConnection) async throws -> [Statement.Row] = { connection in
            var results: [Statement.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) { results.append(row) }
            return results
        }
        return try await guarded {
            if let connection = snapshotConnection { return try await run(connection) }
            if let results = try await kept.withConnection(run) { return results }
            return try await client.withConnection(run)
        }
    }

    /// Runs `body` in one transaction on a pooled connection.
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await guarded {
            try await client.withConnection { connection in
                try await Self.transaction(on: connection, logger: logger) { try await body(connection) }
            }
        }
    }

    static let labelColumns = "record_json, status, jws, last_seq"

    /// The label in a `label` row. The status column wins over the JSON's, so that a status
    /// changed behind the registry's back shows in `verify`.
    static func storedLabel(_ row: PostgresRow) throws -> StoredLabel {
        let (recordJSON, status, jws, lastSeq) = try row.decode((String, String, String, Int).self)
        return try storedLabel(recordJSON: recordJSON, status: status, jws: jws, lastSeq: lastSeq)
    }

    /// The label stored as these columns' values.
    static func storedLabel(recordJSON: String, status: String, jws: String, lastSeq: Int) throws -> StoredLabel {
        var record = try CanonicalJSON.decode(LabelRecord.self, from: recordJSON)
        if let stored = LabelStatus(rawValue: status) { record.status = stored }
        return StoredLabel(record: record, jws: jws, lastSeq: lastSeq)
    }

    private static let entryColumns = "seq, label_id, leaf, leaf_hash, root, kid, signature"

    private static func logEntry(_ row: PostgresRow) throws -> LogEntry {
        let (seq, labelID, leaf, leafHash, root, kid, signature) = try row.decode((Int, String, String, Data, String, String, String).self)
        return LogEntry(
            seq: seq, labelID: labelID, leaf: leaf, leafHash: Array(leafHash),
            treeHead: TreeHead(registry: "", size: seq, root: root, kid: kid, signature: signature))
    }

    /// What this store holds, as ``RegistryInfo``.
    public func info() async throws -> RegistryInfo {
        let pairs = try await rows("SELECT key, value FROM registry_meta") { try $0.decode((String, String).self) }
        let values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        return RegistryInfo(
            id: values["registry_id"] ?? "", formatVersion: values["format_version"].flatMap(Int.init) ?? 0,
            created: values["created"] ?? "")
    }

    /// See ``RegistryStore/label(id:)``.
    public func label(id: String) async throws -> StoredLabel? {
        try await rows(
            "SELECT \(unescaped: Self.labelColumns) FROM label WHERE id = \(id)",
            Self.storedLabel
        ).first
    }

    /// See ``RegistryStore/search(_:)``.
    public func search(_ query: LabelQuery) async throws -> [StoredLabel] {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func placeholder(_ value: String) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        if let name = query.name {
            try await ensureNameStatistics()
            let pattern = placeholder("%" + LabelQuery.likeEscaped(SearchText.fold(name)) + "%")
            conditions.append(#"organisation_folded LIKE \#(pattern) ESCAPE '\'"#)
        }
        if let identifier = query.identifier {
            let exact = placeholder(identifier)
            let number = placeholder(LabelQuery.number(of: identifier))
            conditions.append("id IN (SELECT label_id FROM label_identifier WHERE identifier = \(exact) OR number = \(number))")
        }
        let equalities: [(String, String?)] = [
            ("country", query.country?.uppercased()), ("sector", query.sector), ("status", query.status?.rawValue),
            ("scheme_id", query.schemeID), ("scheme_version", query.schemeVersion),
        ]
        for (column, value) in equalities {
            if let value { conditions.append("\(column) = \(placeholder(value))") }
        }
        let ranges: [(String, String, String?)] = [
            ("issue_date", ">=", query.issuedFrom), ("issue_date", "<=", query.issuedTo), ("valid_until", ">=", query.validFrom),
            ("valid_until", "<=", query.validTo),
        ]
        for (column, comparison, value) in ranges {
            if let value { conditions.append("\(column) \(comparison) \(placeholder(value))") }
        }
        if let after = query.after {
            // A label id that is not there leaves nothing after it (the comparison is NULL).
            let label = placeholder(after)
            let id = placeholder(after)
            conditions.append("(issue_date, id) > ((SELECT issue_date FROM label WHERE id = \(label)), \(id))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        bindings.append(query.limit)
        let sql = "SELECT \(Self.labelColumns) FROM label \(whereClause) ORDER BY issue_date, id LIMIT $\(bindings.count)"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings), Self.storedLabel)
    }

    /// See ``RegistryStore/labels(after:limit:)``.
    public func labels(after id: String?, limit: Int) async throws -> [StoredLabel] {
        try await rows(
            "SELECT record_json, status, jws, last_seq FROM label WHERE id > \(id ?? "") ORDER BY id LIMIT \(limit)",
            Self.storedLabel)
    }

    /// See ``RegistryStore/labelCounts()``.
    public func labelCounts() async throws -> LabelCounts {
        let found = try await rows(PostgresQuery(unsafeSQL: LabelCounts.sql)) { try $0.decode((String, String?, Int).self) }
        var counts = LabelCounts()
        for (dimension, value, count) in found { counts.add(dimension: dimension, value: value, count: count) }
        return counts
    }

    /// See ``RegistryStore/sweepCandidates(asOf:)``.
    public func sweepCandidates(asOf date: String) async throws -> [String] {
        try await rows(
            """
            SELECT id FROM label WHERE (status IN ('active', 'suspended') AND valid_until < \(date))
                OR (status = 'active' AND next_due IS NOT NULL AND next_due < \(date))
            ORDER BY id
            """
        ) { try $0.decode(String.self) }
    }

    /// See ``RegistryStore/history(labelID:)``.
    public func history(labelID: String) async throws -> [LogEntry] {
        try await rows(
            "SELECT seq, label_id, leaf, leaf_hash, root, kid, signature FROM log_entry WHERE label_id = \(labelID) ORDER BY seq",
            Self.logEntry)
    }

    /// See ``RegistryStore/logEntries(after:limit:)``.
    public func logEntries(after seq: Int, limit: Int) async throws -> [LogEntry] {
        try await rows(
            "SELECT seq, label_id, leaf, leaf_hash, root, kid, signature FROM log_entry WHERE seq > \(seq) ORDER BY seq LIMIT \(limit)",
            Self.logEntry)
    }

    /// See ``RegistryStore/logEntriesByLabel(after:limit:)``.
    public func logEntriesByLabel(after position: (labelID: String, seq: Int)?, limit: Int) async throws -> [LogEntry] {
        let labelID = position?.labelID ?? ""
        let seq = position?.seq ?? Int.min
        return try await rows(
            """
            SELECT seq, label_id, leaf, leaf_hash, root, kid, signature FROM log_entry
            WHERE (label_id, seq) > (\(labelID), \(seq)) ORDER BY label_id, seq LIMIT \(limit)
            """, Self.logEntry)
    }

    /// See ``RegistryStore/logState()``.
    public func logState() async throws -> LogState {
        let states = try await rows("SELECT size, frontier_json FROM log_state WHERE id = 1") { row in
            let (size, json) = try row.decode((Int, String).self)
            return LogState(size: size, frontier: try CanonicalJSON.decode(MerkleFrontier.self, from: json))
        }
        return states.first ?? LogState(size: 0, frontier: MerkleFrontier())
    }

    /// See ``RegistryStore/leafHashes(upTo:)``.
    public func leafHashes(upTo size: Int) async throws -> [[UInt8]] {
        try await rows("SELECT leaf_hash FROM log_entry WHERE seq <= \(size) ORDER BY seq") { Array(try $0.decode(Data.self)) }
    }

    /// See ``RegistryStore/merkleNodes(completedBy:)``: every level in one statement.
    public func merkleNodes(completedBy entries: ClosedRange<Int>) async throws -> [MerkleNode] {
        let ranges = MerkleNode.completed(by: entries)
        guard !ranges.isEmpty else { return [] }
        // Every level's range in one statement: one round trip per page of verify, not one per level.
        let levels = ranges.map(\.level)
        let firsts = ranges.map(\.indexes.lowerBound)
        let lasts = ranges.map(\.indexes.upperBound)
        return try await rows(
            """
            SELECT node.level, node.idx, node.hash
            FROM unnest(\(levels)::bigint[], \(firsts)::bigint[], \(lasts)::bigint[]) AS wanted (level, first, last)
            JOIN merkle_node AS node ON node.level = wanted.level AND node.idx BETWEEN wanted.first AND wanted.last
            """
        ) { row in
            let (level, index, hash) = try row.decode((Int, Int, Data).self)
            return MerkleNode(level: level, index: index, hash: Array(hash))
        }
    }

    /// See ``RegistryStore/recordAudit(_:)``.
    public func recordAudit(_ audit: RecordedAudit) async throws -> Bool {
        var summary = audit
        summary.reportJSON = ""
        summary.restricted = []
        let auditJSON = try CanonicalJSON.encode(summary)
        return try await write { connection in
            let inserted = try await Self.scalar(
                """
                INSERT INTO audit_record (key, organisation, organisation_folded, audit_date, decision, label_id, audit_json,
                    report_json)
                VALUES (\(audit.key), \(audit.organisation), \(SearchText.fold(audit.organisation)), \(audit.auditDate),
                    \(audit.decision), \(audit.labelID), \(auditJSON), \(audit.reportJSON))
                ON CONFLICT (key) DO NOTHING RETURNING key
                """, String.self, on: connection, logger: logger)
            guard inserted != nil else { return false }
            for identifier in Set(audit.identifiers) {
                try await connection.query(
                    "INSERT INTO audit_identifier (audit_key, identifier) VALUES (\(audit.key), \(identifier))", logger: logger)
            }
            for notice in audit.restricted {
                try await connection.query(
                    """
                    INSERT INTO restricted_notice (audit_key, kind, site, text, notice_json)
                    VALUES (\(audit.key), \(notice.kind), \(notice.site), \(notice.text), \(notice.json))
                    """, logger: logger)
            }
            return true
        }
    }

    /// See ``RegistryStore/audits(identifiers:organisation:)``.
    public func audits(identifiers: [String], organisation: String) async throws -> [RecordedAudit] {
        let query: PostgresQuery =
            identifiers.isEmpty
            ? """
            SELECT audit_json, report_json FROM audit_record WHERE organisation_folded = \(SearchText.fold(organisation))
            ORDER BY audit_date, key
            """
            : """
            SELECT audit_json, report_json FROM audit_record WHERE key IN
                (SELECT audit_key FROM audit_identifier WHERE identifier = ANY(\(identifiers)))
            ORDER BY audit_date, key
            """
        return try await rows(query) { row in
            let (auditJSON, reportJSON) = try row.decode((String, String).self)
            var audit = try CanonicalJSON.decode(RecordedAudit.self, from: auditJSON)
            audit.reportJSON = reportJSON
            return audit
        }
    }

    /// See ``RegistryStore/restrictedNotices(auditKey:)``.
    public func restrictedNotices(auditKey: String) async throws -> [RestrictedNotice] {
        try await rows(
            "SELECT kind, site, text, notice_json FROM restricted_notice WHERE audit_key = \(auditKey) ORDER BY id",
        ) { row in
            let (kind, site, text, json) = try row.decode((String, String?, String, String).self)
            return RestrictedNotice(kind: kind, site: site, text: text, json: json)
        }
    }

    /// See ``RegistryStore/keys()``.
    public func keys() async throws -> [PublicSigningKey] {
        try await rows("SELECT kid, x, created, retired FROM signing_key ORDER BY created, added") { row in
            let (kid, x, created, retired) = try row.decode((String, String, String, String?).self)
            return PublicSigningKey(kid: kid, x: x, created: created, retired: retired)
        }
    }

    /// See ``RegistryStore/addKey(_:)``.
    public func addKey(_ key: PublicSigningKey) async throws {
        _ = try await write { connection in
            try await connection.query(
                """
                INSERT INTO signing_key (kid, x, created, retired) VALUES (\(key.kid), \(key.x), \(key.created), \(key.retired))
                ON CONFLICT (kid) DO NOTHING
                """, logger: logger)
        }
    }

    /// See ``RegistryStore/retireKey(kid:on:)``.
    public func retireKey(kid: String, on date: String) async throws {
        try await write { connection in
            let exists = try await Self.scalar("SELECT 1 FROM signing_key WHERE kid = \(kid)", Int32.self, on: connection, logger: logger)
            guard exists != nil else { throw RegistryError.unknownKey(kid) }
            try await connection.query("UPDATE signing_key SET retired = \(date) WHERE kid = \(kid) AND retired IS NULL", logger: logger)
        }
    }
}
