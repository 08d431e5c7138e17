import GRDB

extension SQLiteRegistryStore: LabelCheckReading {
    /// See ``LabelCheckReading/labelCheckRead(id:)``: one read transaction on a reader
    /// connection, with cached statements.
    public func labelCheckRead(id: String) async throws -> LabelCheckRead {
        try await guarded {
            try await pool.read { db in
                let label = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT record_json, status, jws, last_seq FROM label WHERE id = ?"), arguments: [id]
                ).map { StoredLabelText(recordJSON: $0["record_json"], status: $0["status"], jws: $0["jws"], lastSeq: $0["last_seq"]) }
                let keys = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT kid, x, created, retired FROM signing_key ORDER BY created, rowid")
                )
                .map { PublicSigningKey(kid: $0["kid"], x: $0["x"], created: $0["created"], retired: $0["retired"]) }
                return LabelCheckRead(label: label, keys: keys)
            }
        }
    }
}
