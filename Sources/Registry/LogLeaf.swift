/// What each log entry's leaf holds: the event and its place in the log. Putting the place in
/// the hashed data lets `registry verify` tell a reordered log from an altered one.
public struct LogLeaf: Sendable, Hashable, Codable {
    /// The entry's place in the log, from 1.
    public var seq: Int
    /// The event.
    public var event: LabelEvent

    /// A leaf from its place and event.
    public init(seq: Int, event: LabelEvent) {
        self.seq = seq
        self.event = event
    }
}
