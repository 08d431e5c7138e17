/// One problem found in a document, with where it is: what a parser, a schema or a rule
/// reported, as a plain value.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// Worth knowing; does not make the document wrong.
        case warning
        /// Makes the document wrong.
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// How serious it is.
    public var severity: Severity
    /// Where it is.
    public var location: SourceLocation
    /// What is wrong, as one line of text.
    public var message: String
    /// The element's path (for example `/submission/supplyChain/site[2]/workforce`) for problems
    /// that belong to an element, such as schema validity errors.
    public var path: String?
    /// A suggestion on how to fix it, when one is known.
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        severity: Severity, location: SourceLocation, message: String, path: String? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.path = path
        self.hint = hint
    }

    /// `file:line:column: error: message`, then the hint on its own line when there is one.
    public var description: String {
        let head = "\(location): \(severity.rawValue): \(message)"
        return hint.map { head + "\n  hint: " + $0 } ?? head
    }
}
