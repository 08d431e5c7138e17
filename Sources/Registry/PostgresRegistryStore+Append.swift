import Foundation
import Logging
import PostgresNIO

extension PostgresRegistryStore {
    /// See ``RegistryStore/append(labelIDs:_:)``: one transaction that first locks the log's
    /// state row, so that appends from every process take their turn. The batch is prepared in
    /// memory, then written with one statement per table (its rows passed as one JSON array), so
    /// that a batch of a thousand events costs a handful of round trips, not thousands.
    public func append(
        labelIDs: [String], _ prepare: @Sendable (_ index: Int, _ current: StoredLabel?, _ log: LogState) throws -> PreparedAppend
    ) async throws -> [PreparedAppend] {
        let location = location
        let logger = logger
        return try await write { connection in
            let state = try await Self.first(
                "SELECT size, frontier_json FROM log_state WHERE id = 1 FOR UPDATE", on: connection, logger: logger
            ) {
                try $0.decode((Int, String).self)
            }
            guard let (size, frontierJSON) = state else {
                throw RegistryError.notARegistry(path: location.description, why: "its log_state row is missing")
            }
            var labels: [String: StoredLabel] = [:]
            let wanted = Array(Set(labelIDs))
            let rows = try await connection.query(
                "SELECT id, \(unescaped: Self.labelColumns) FROM label WHERE id = ANY(\(wanted))", logger: logger)
            for try await (id, recordJSON, status, jws, lastSeq) in rows.decode((String, String, String, String, Int).self) {
                labels[id] = try Self.storedLabel(recordJSON: recordJSON, status: status, jws: jws, lastSeq: lastSeq)
            }
            let identifiersBefore = labels.mapValues(\.record.basis.identifiers)
            var log = LogState(size: size, frontier: try CanonicalJSON.decode(MerkleFrontier.self, from: frontierJSON))
            var results: [PreparedAppend] = []
            results.reserveCapacity(labelIDs.count)
            for (index, labelID) in labelIDs.enumerated() {
                let prepared = try prepare(index, labels[labelID], log)
                labels[labelID] = prepared.label
                log = prepared.log
                results.append(prepared)
            }
            guard !results.isEmpty else { return results }
            let changed = Set(labels.filter { identifiersBefore[$0.key] != $0.value.record.basis.identifiers }.keys)
            try await Self.store(results, identifiersChangedFor: changed, log: log, on: connection, logger: logger)
            return results
        }
    }

    /// Writes a prepared batch: each label once (as the batch left it), the identifiers of the
    /// labels in `changed` (issued, or renewed with other identifiers), every log entry and
    /// subtree, and the log's state.
    private static func store(
        _ batch: [PreparedAppend], identifiersChangedFor changed: Set<String>, log: LogState, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var latest: [String: StoredLabel] = [:]
        for prepared in batch { latest[prepared.label.record.id] = prepared.label }
        let labels = try latest.values.sorted { $0.record.id < $1.record.id }.map(LabelRow.init)
        let identifiers = latest.values.filter { changed.contains($0.record.id) }.flatMap { label in
            Set(label.record.basis.identifiers).sorted().map {
                IdentifierRow(labelId: label.record.id, identifier: $0, number: LabelQuery.number(of: $0))
            }
        }
        let entries = batch.map { EntryRow($0.entry) }
        let nodes = batch.flatMap { $0.nodes.map(NodeRow.init) }
        let labelsJSON = try rowsJSON(labels)
        let identifiersJSON = try rowsJSON(identifiers)
        let entriesJSON = try rowsJSON(entries)
        let nodesJSON = try rowsJSON(nodes)
        try await connection.query(
            """
            INSERT INTO label (id, organisation, organisation_folded, country, sector, scheme_id, scheme_version, decision,
                status, issue_date, audit_date, valid_until, next_due, record_json, jws, last_seq)
            SELECT id, organisation, organisation_folded, country, sector, scheme_id, scheme_version, decision,
                status, issue_date, audit_date, valid_until, next_due, record_json, jws, last_seq
            FROM jsonb_to_recordset(\(labelsJSON)::jsonb) AS row (id text, organisation text, organisation_folded text,
                country text, sector text, scheme_id text, scheme_version text, decision text, status text, issue_date text,
                audit_date text, valid_until text, next_due text, record_json text, jws text, last_seq bigint)
            ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation,
                organisation_folded = excluded.organisation_folded, country = excluded.country, sector = excluded.sector,
                scheme_id = excluded.scheme_id, scheme_version = excluded.scheme_version, decision = excluded.decision,
                status = excluded.status, issue_date = excluded.issue_date, audit_date = excluded.audit_date,
                valid_until = excluded.valid_until, next_due = excluded.next_due, record_json = excluded.record_json,
                jws = excluded.jws, last_seq = excluded.last_seq
            """, logger: logger)
        if !changed.isEmpty {
            try await connection.query("DELETE FROM label_identifier WHERE label_id = ANY(\(Array(changed)))", logger: logger)
        }
        if !identifiers.isEmpty {
            try await connection.query(
                """
                INSERT INTO label_identifier (label_id, identifier, number)
                SELECT label_id, identifier, number
                FROM jsonb_to_recordset(\(identifiersJSON)::jsonb) AS row (label_id text, identifier text, number text)
                """, logger: logger)
        }
        try await connection.query(
            """
            INSERT INTO log_entry (seq, label_id, leaf, leaf_hash, root, kid, signature)
            SELECT seq, label_id, leaf, decode(leaf_hash, 'hex'), root, kid, signature
            FROM jsonb_to_recordset(\(entriesJSON)::jsonb) AS row (seq bigint, label_id text, leaf text, leaf_hash text,
                root text, kid text, signature text)
            """, logger: logger)
        if !nodes.isEmpty {
            try await connection.query(
                """
                INSERT INTO merkle_node (level, idx, hash)
                SELECT level, idx, decode(hash, 'hex')
                FROM jsonb_to_recordset(\(nodesJSON)::jsonb) AS row (level integer, idx bigint, hash text)
                """, logger: logger)
        }
        let frontierJSON = try CanonicalJSON.encode(log.frontier)
        try await connection.query("UPDATE log_state SET size = \(log.size), frontier_json = \(frontierJSON) WHERE id = 1", logger: logger)
    }

    /// `rows` as one JSON array whose keys are the columns' names (snake case), for
    /// `jsonb_to_recordset`; a nil field is left out, which gives NULL.
    private static func rowsJSON(_ rows: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    /// A `label` row.
    private struct LabelRow: Encodable {
        let id, organisation, organisationFolded: String
        let country, sector: String?
        let schemeId, schemeVersion, decision, status, issueDate, auditDate, validUntil: String
        let nextDue: String?
        let recordJson, jws: String
        let lastSeq: Int

        init(_ label: StoredLabel) throws {
            let record = label.record
            let basis = record.basis
            id = record.id
            organisation = basis.organisation
            organisationFolded = SearchText.fold(basis.organisation)
            country = basis.country
            sector = basis.sector
            schemeId = basis.schemeID
            schemeVersion = basis.schemeVersion
            decision = basis.decision.rawValue
            status = record.status.rawValue
            issueDate = record.issueDate
            auditDate = basis.auditDate
            validUntil = basis.validUntil
            nextDue = record.openConditions.map(\.due).min()
            recordJson = try CanonicalJSON.encode(record)
            jws = label.jws
            lastSeq = label.lastSeq
        }
    }

    /// A `label_identifier` row.
    private struct IdentifierRow: Encodable {
        let labelId, identifier, number: String
    }

    /// A `log_entry` row, its leaf hash in hex.
    private struct EntryRow: Encodable {
        let seq: Int
        let labelId, leaf, leafHash, root, kid, signature: String

        init(_ entry: LogEntry) {
            seq = entry.seq
            labelId = entry.labelID
            leaf = entry.leaf
            leafHash = Hex.encode(entry.leafHash)
            root = entry.treeHead.root
            kid = entry.treeHead.kid
            signature = entry.treeHead.signature
        }
    }

    /// A `merkle_node` row, its hash in hex.
    private struct NodeRow: Encodable {
        let level, idx: Int
        let hash: String

        init(_ node: MerkleNode) {
            level = node.level
            idx = node.index
            hash = Hex.encode(node.hash)
        }
    }
}
