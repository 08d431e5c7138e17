/// The first thing `registry verify` found wrong, naming the entry or label concerned.
public struct VerificationProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of change the registry shows.
    public enum Kind: String, Sendable, Hashable {
        /// An entry's or label's content was changed.
        case altered
        /// An entry or label was added outside the registry.
        case inserted
        /// Entries are not in the order they were appended.
        case reordered
        /// An entry or label was deleted.
        case removed
    }

    /// What kind of change.
    public var kind: Kind
    /// The log entry concerned, when it is one.
    public var seq: Int?
    /// The label concerned, when it is one.
    public var labelID: String?
    /// What exactly does not match.
    public var detail: String

    /// A problem from its parts.
    public init(kind: Kind, seq: Int?, labelID: String?, detail: String) {
        self.kind = kind
        self.seq = seq
        self.labelID = labelID
        self.detail = detail
    }

    /// One line: what, where, and the detail.
    public var description: String {
        var subject: [String] = []
        if let seq { subject.append("entry \(seq)") }
        if let labelID { subject.append("label \(labelID)") }
        return "\(subject.joined(separator: ", ")) \(kind.rawValue): \(detail)"
    }
}

/// What `registry verify` checked and found.
public struct VerificationReport: Sendable, Hashable {
    /// The number of log entries checked.
    public var entries: Int
    /// The number of labels replayed.
    public var labels: Int
    /// The last signed tree head checked.
    public var treeHead: TreeHead?
    /// The first problem, or nil when everything matches.
    public var problem: VerificationProblem?
}
