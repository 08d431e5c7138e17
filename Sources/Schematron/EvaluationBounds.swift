/// How far one validation may go inside a document's expressions: bounds that stop a hostile
/// schema (a variable that doubles a string at every step, an expression that visits every node
/// once per node) before it exhausts memory or time. The defaults are generous for any real
/// submission and schema; a document that crosses one is refused with a message naming the bound.
public struct EvaluationBounds: Sendable, Hashable {
    /// The longest string a variable (`sch:let`) may hold, in UTF-8 bytes. Checked as each
    /// variable is bound.
    public var maxStringLength: Int
    /// The most nodes a variable (`sch:let`) may hold. Checked as each variable is bound.
    public var maxNodeSetSize: Int
    /// The most steps (libxml2's XPath operations: each operator, each node visited) one
    /// evaluation of one expression may take. Nil sets no bound.
    public var maxOperations: Int?

    /// The default of ``maxStringLength``: 64 MiB, the largest document read by default.
    public static let defaultMaxStringLength = 64 << 20
    /// The default of ``maxNodeSetSize``: ten million nodes.
    public static let defaultMaxNodeSetSize = 10_000_000
    /// The default of ``maxOperations``: a thousand million, minutes of work on one expression.
    public static let defaultMaxOperations = 1_000_000_000

    /// Creates bounds; the defaults are generous for real submissions.
    public init(
        maxStringLength: Int = EvaluationBounds.defaultMaxStringLength, maxNodeSetSize: Int = EvaluationBounds.defaultMaxNodeSetSize,
        maxOperations: Int? = EvaluationBounds.defaultMaxOperations
    ) {
        self.maxStringLength = maxStringLength
        self.maxNodeSetSize = maxNodeSetSize
        self.maxOperations = maxOperations
    }
}
