import PostgresNIO

extension PostgresRegistryStore: LabelCheckReading {
    /// See ``LabelCheckReading/labelCheckRead(id:)``: the label's columns, then the keys (two
    /// statements, as ``label(id:)`` and ``keys()`` read them; a key added in between shows in
    /// the next read, which a caller keeping answers compares anyway).
    public func labelCheckRead(id: String) async throws -> LabelCheckRead {
        let label = try await rows("SELECT \(unescaped: Self.labelColumns) FROM label WHERE id = \(id)") { row in
            let (recordJSON, status, jws, lastSeq) = try row.decode((String, String, String, Int).self)
            return StoredLabelText(recordJSON: recordJSON, status: status, jws: jws, lastSeq: lastSeq)
        }.first
        return LabelCheckRead(label: label, keys: try await keys())
    }
}
