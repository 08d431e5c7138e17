/// What the public label check reads on every request: a label's row as stored, not decoded,
/// and the registry's public keys, read together in one transaction. The check's answer is a
/// function of these values (and of the date), so a caller may keep the answer it made from them
/// and give it again for as long as a new read returns the same values: any event, key change or
/// change made behind the registry's back, by this process or any other, shows at once.
public struct LabelCheckRead: Sendable, Hashable {
    /// The label's row, nil when the registry has no label with this id.
    public var label: StoredLabelText?
    /// The registry's public keys, oldest first.
    public var keys: [PublicSigningKey]

    /// A read from its parts.
    public init(label: StoredLabelText?, keys: [PublicSigningKey]) {
        self.label = label
        self.keys = keys
    }
}

/// A label's row as stored: its record's canonical JSON, the status column, its signed statement
/// and its last log entry, before any decoding.
public struct StoredLabelText: Sendable, Hashable {
    /// The record, as canonical JSON.
    public var recordJSON: String
    /// The status column (which wins over the record's own, as ``RegistryStore/label(id:)`` reads it).
    public var status: String
    /// The latest signed statement.
    public var jws: String
    /// The log entry of its last event.
    public var lastSeq: Int

    /// A row from its columns.
    public init(recordJSON: String, status: String, jws: String, lastSeq: Int) {
        self.recordJSON = recordJSON
        self.status = status
        self.jws = jws
        self.lastSeq = lastSeq
    }

    /// The label these columns hold, as ``RegistryStore/label(id:)`` returns it.
    /// - Throws: when the record's JSON is not a label record.
    public func decoded() throws -> StoredLabel {
        var record = try CanonicalJSON.decode(LabelRecord.self, from: recordJSON)
        if let stored = LabelStatus(rawValue: status) { record.status = stored }
        return StoredLabel(record: record, jws: jws, lastSeq: lastSeq)
    }
}

/// A store that reads what the public label check needs in one transaction
/// (``LabelCheckRead``). Both backends conform.
public protocol LabelCheckReading: RegistryStore {
    /// The row of label `id` (nil when there is none) and the registry's keys, read together.
    func labelCheckRead(id: String) async throws -> LabelCheckRead
}
