import Foundation
import Logging
import PostgresNIO

extension PostgresRegistryStore {
    /// The registry format this fairlabel writes, the same on both backends; a registry with a
    /// higher one is refused.
    public static let formatVersion = SQLiteRegistryStore.formatVersion

    /// One step of the schema: its name, recorded in `registry_migration` once applied, and what
    /// it runs. A new fairlabel adds migrations and raises ``formatVersion``; it never changes one
    /// that has shipped. Names match the SQLite backend's.
    struct Migration: Sendable {
        let name: String
        let statements: [String]
        /// Work after the statements, on the same transaction (filling a new table from old rows).
        let backfill: (@Sendable (PostgresConnection, Logger) async throws -> Void)?
    }

    /// The schema's migrations, in order.
    static let migrations: [Migration] = [
        Migration(
            name: "v1: labels, log, audits, keys",
            statements: [
                "CREATE TABLE registry_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE signing_key (
                    kid TEXT PRIMARY KEY, x TEXT NOT NULL, created TEXT NOT NULL, retired TEXT, added BIGSERIAL NOT NULL)
                """,
                """
                CREATE TABLE label (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    organisation TEXT NOT NULL, organisation_folded TEXT NOT NULL,
                    country TEXT, sector TEXT, scheme_id TEXT NOT NULL, scheme_version TEXT NOT NULL,
                    decision TEXT NOT NULL, status TEXT NOT NULL,
                    issue_date TEXT NOT NULL, audit_date TEXT NOT NULL, valid_until TEXT NOT NULL, next_due TEXT,
                    record_json TEXT NOT NULL, jws TEXT NOT NULL, last_seq BIGINT NOT NULL)
                """,
                "CREATE INDEX label_organisation ON label (organisation_folded text_pattern_ops)",
                "CREATE INDEX label_issue ON label (issue_date, id)",
                "CREATE INDEX label_status ON label (status, valid_until)",
                "CREATE INDEX label_due ON label (next_due) WHERE next_due IS NOT NULL",
                """
                CREATE TABLE label_identifier (
                    label_id TEXT COLLATE "C" NOT NULL REFERENCES label (id), identifier TEXT NOT NULL, number TEXT NOT NULL,
                    PRIMARY KEY (identifier, label_id))
                """,
                "CREATE INDEX label_identifier_number ON label_identifier (number)",
                """
                CREATE TABLE log_entry (
                    seq BIGINT PRIMARY KEY, label_id TEXT COLLATE "C" NOT NULL, leaf TEXT NOT NULL, leaf_hash BYTEA NOT NULL,
                    root TEXT NOT NULL, kid TEXT NOT NULL, signature TEXT NOT NULL)
                """,
                "CREATE INDEX log_entry_label ON log_entry (label_id, seq)",
                """
                CREATE TABLE log_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL, frontier_json TEXT NOT NULL)
                """,
                #"INSERT INTO log_state (id, size, frontier_json) VALUES (1, 0, '{"size":0,"subtrees":[]}')"#,
                """
                CREATE TABLE audit_record (
                    key TEXT PRIMARY KEY, organisation TEXT NOT NULL, organisation_folded TEXT NOT NULL,
                    audit_date TEXT NOT NULL, decision TEXT NOT NULL, label_id TEXT, audit_json TEXT NOT NULL,
                    report_json TEXT NOT NULL)
                """,
                "CREATE INDEX audit_record_organisation ON audit_record (organisation_folded)",
                """
                CREATE TABLE audit_identifier (
                    audit_key TEXT NOT NULL REFERENCES audit_record (key), identifier TEXT NOT NULL,
                    PRIMARY KEY (identifier, audit_key))
                """,
                """
                CREATE TABLE restricted_notice (
                    id BIGSERIAL PRIMARY KEY, audit_key TEXT NOT NULL REFERENCES audit_record (key),
                    kind TEXT NOT NULL, site TEXT, text TEXT NOT NULL, notice_json TEXT NOT NULL)
                """,
                "CREATE INDEX restricted_notice_audit ON restricted_notice (audit_key)",
            ],
            backfill: nil),
        Migration(
            name: "v2: merkle nodes for proofs",
            statements: [
                "CREATE TABLE merkle_node (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx))"
            ],
            backfill: { connection, logger in
                // A registry written before: its subtrees, from its leaves in order.
                var frontier = MerkleFrontier()
                var nodes: [MerkleNode] = []
                let rows = try await connection.query("SELECT leaf_hash FROM log_entry ORDER BY seq", logger: logger)
                for try await leafHash in rows.decode(Data.self) {
                    nodes += frontier.append(leafHash: Array(leafHash))
                }
                for node in nodes { try await insert(node, on: connection, logger: logger) }
            }),
        Migration(name: "v3: audit jobs", statements: jobSchema, backfill: nil),
        Migration(
            name: "v4: indexes for the overview's counts and for rewriting a label's identifiers",
            statements: [
                "CREATE INDEX label_country ON label (country)", "CREATE INDEX label_sector ON label (sector)",
                "CREATE INDEX label_scheme ON label (scheme_id, scheme_version)",
                "CREATE INDEX label_identifier_label ON label_identifier (label_id)",
            ],
            backfill: nil),
        migrationV5,
        migrationV6,
        migrationV7,
    ]

    /// The transaction-wide advisory lock that serialises schema changes between processes.
    static let migrationLock = 0x6661_6972_6c62  // "fairlb"

    /// Brings the schema up to date on `connection` inside one transaction, recording each
    /// migration applied. Refuses a database that is not a registry (unless `creating`) and a
    /// registry from a newer fairlabel, writing nothing to either.
    static func migrate(
        on connection: PostgresConnection, location: PostgresLocation, creating: (id: String, created: String)?, logger: Logger
    ) async throws {
        try await transaction(on: connection, logger: logger) {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            let hasMeta =
                try await scalar(
                    "SELECT to_regclass('registry_meta') IS NOT NULL", Bool.self, on: connection, logger: logger) ?? false
            if let creating {
                guard !hasMeta else { throw RegistryError.alreadyExists(path: location.description) }
                try await connection.query("CREATE TABLE registry_migration (name TEXT PRIMARY KEY, applied TEXT NOT NULL)", logger: logger)
                try await apply(migrations, on: connection, logger: logger)
                for (key, value) in [("format_version", "\(formatVersion)"), ("registry_id", creating.id), ("created", creating.created)] {
                    try await connection.query("INSERT INTO registry_meta (key, value) VALUES (\(key), \(value))", logger: logger)
                }
                return
            }
            guard hasMeta else {
                throw RegistryError.notARegistry(path: location.description, why: "the database has no registry_meta table")
            }
            let found = try await scalar(
                "SELECT value FROM registry_meta WHERE key = 'format_version'", String.self, on: connection, logger: logger
            ).flatMap(Int.init)
            guard let found else {
                throw RegistryError.notARegistry(path: location.description, why: "its registry_meta table has no format version")
            }
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM registry_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            let known = Set(migrations.map(\.name))
            guard found <= formatVersion, applied.isSubset(of: known) else {
                throw RegistryError.newerFormat(path: location.description, found: max(found, formatVersion + 1), supported: formatVersion)
            }
            let missing = migrations.filter { !applied.contains($0.name) }
            guard !missing.isEmpty || found < formatVersion else { return }
            try await apply(missing, on: connection, logger: logger)
            try await connection.query(
                "UPDATE registry_meta SET value = \(String(formatVersion)) WHERE key = 'format_version'", logger: logger)
        }
    }

    private static func apply(_ migrations: [Migration], on connection: PostgresConnection, logger: Logger) async throws {
        let now = ISO8601DateFormatter().string(from: Date())
        for migration in migrations {
            for statement in migration.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await migration.backfill?(connection, logger)
            try await connection.query("INSERT INTO registry_migration (name, applied) VALUES (\(migration.name), \(now))", logger: logger)
        }
    }

    /// Stores a perfect subtree's hash.
    static func insert(_ node: MerkleNode, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "INSERT INTO merkle_node (level, idx, hash) VALUES (\(node.level), \(node.index), \(Data(node.hash)))", logger: logger)
    }
}
