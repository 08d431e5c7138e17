/// What each log entry's leaf holds: the event, its place in the log and whether it closes its
/// appended batch. Putting the place in the hashed data lets `registry verify` tell a reordered
/// log from an altered one; putting the batch's end there lets it tell a batch's last entry whose
/// signed tree head was blanked from an entry inside a batch, which carries none.
public struct LogLeaf: Sendable, Hashable, Codable {
    /// Whether the entry is the last of its appended batch, the one that carries the batch's
    /// signed tree head. Nil in leaves written before format 7, which do not say.
    public var closesBatch: Bool?
    /// The entry's place in the log, from 1.
    public var seq: Int
    /// The event.
    public var event: LabelEvent

    /// A leaf from its place and event, and whether it closes its batch (nil: a leaf of a
    /// registry written before format 7).
    public init(seq: Int, event: LabelEvent, closesBatch: Bool? = nil) {
        self.closesBatch = closesBatch
        self.seq = seq
        self.event = event
    }
}
