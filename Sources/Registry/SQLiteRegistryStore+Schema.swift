import Foundation
import GRDB

extension SQLiteRegistryStore {
    /// The registry format this fairlabel writes; a registry with a higher one is refused.
    public static let formatVersion = 7

    /// The schema's migrations, in order. A new fairlabel adds migrations and raises
    /// ``formatVersion``; it never changes one that has shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: labels, log, audits, keys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE registry_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE signing_key (
                        kid TEXT PRIMARY KEY NOT NULL, x TEXT NOT NULL, created TEXT NOT NULL, retired TEXT);
                    CREATE TABLE label (
                        id TEXT PRIMARY KEY NOT NULL,
                        organisation TEXT NOT NULL, organisation_folded TEXT NOT NULL,
                        country TEXT, sector TEXT, scheme_id TEXT NOT NULL, scheme_version TEXT NOT NULL,
                        decision TEXT NOT NULL, status TEXT NOT NULL,
                        issue_date TEXT NOT NULL, audit_date TEXT NOT NULL, valid_until TEXT NOT NULL, next_due TEXT,
                        record_json TEXT NOT NULL, jws TEXT NOT NULL, last_seq INTEGER NOT NULL);
                    CREATE INDEX label_organisation ON label (organisation_folded);
                    CREATE INDEX label_issue ON label (issue_date, id);
                    CREATE INDEX label_status ON label (status, valid_until);
                    CREATE INDEX label_due ON label (next_due) WHERE next_due IS NOT NULL;
                    CREATE TABLE label_identifier (
                        label_id TEXT NOT NULL REFERENCES label (id), identifier TEXT NOT NULL, number TEXT NOT NULL,
                        PRIMARY KEY (identifier, label_id));
                    CREATE INDEX label_identifier_number ON label_identifier (number);
                    CREATE TABLE log_entry (
                        seq INTEGER PRIMARY KEY NOT NULL, label_id TEXT NOT NULL, leaf TEXT NOT NULL, leaf_hash BLOB NOT NULL,
                        root TEXT NOT NULL, kid TEXT NOT NULL, signature TEXT NOT NULL);
                    CREATE INDEX log_entry_label ON log_entry (label_id, seq);
                    CREATE TABLE log_state (
                        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1), size INTEGER NOT NULL, frontier_json TEXT NOT NULL);
                    INSERT INTO log_state (id, size, frontier_json) VALUES (1, 0, '{"size":0,"subtrees":[]}');
                    CREATE TABLE audit_record (
                        key TEXT PRIMARY KEY NOT NULL, organisation TEXT NOT NULL, organisation_folded TEXT NOT NULL,
                        audit_date TEXT NOT NULL, decision TEXT NOT NULL, label_id TEXT, audit_json TEXT NOT NULL,
                        report_json TEXT NOT NULL);
                    CREATE INDEX audit_record_organisation ON audit_record (organisation_folded);
                    CREATE TABLE audit_identifier (
                        audit_key TEXT NOT NULL REFERENCES audit_record (key), identifier TEXT NOT NULL,
                        PRIMARY KEY (identifier, audit_key));
                    CREATE TABLE restricted_notice (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, audit_key TEXT NOT NULL REFERENCES audit_record (key),
                        kind TEXT NOT NULL, site TEXT, text TEXT NOT NULL, notice_json TEXT NOT NULL);
                    CREATE INDEX restricted_notice_audit ON restricted_notice (audit_key);
                    """)
        }
        migrator.registerMigration("v2: merkle nodes for proofs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE merkle_node (
                        level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID
                    """)
            // A registry written before: its subtrees, from its leaves in order.
            var frontier = MerkleFrontier()
            let leaves = try Data.fetchCursor(db, sql: "SELECT leaf_hash FROM log_entry ORDER BY seq")
            while let leaf = try leaves.next() {
                for node in frontier.append(leafHash: Array(leaf)) { try insert(node, into: db) }
            }
        }
        migrator.registerMigration("v3: audit jobs") { db in
            try db.execute(sql: jobSchema)
        }
        migrator.registerMigration("v4: indexes for the overview's counts and for rewriting a label's identifiers") { db in
            try db.execute(
                sql: """
                    CREATE INDEX label_country ON label (country);
                    CREATE INDEX label_sector ON label (sector);
                    CREATE INDEX label_scheme ON label (scheme_id, scheme_version);
                    CREATE INDEX label_identifier_label ON label_identifier (label_id)
                    """)
        }
        registerMigrationV5(in: &migrator)
        registerMigrationV6(in: &migrator)
        registerMigrationV7(in: &migrator)
        return migrator
    }

    /// Stores a perfect subtree's hash.
    static func insert(_ node: MerkleNode, into db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)").execute(
            arguments: [node.level, node.index, Data(node.hash)])
    }
}
