/// Why the compiled evaluator does not take an expression, decided when it is compiled: libxml2
/// then evaluates it, as it always did.
public struct XPathUnsupported: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of reason.
    public enum Kind: String, Sendable, Hashable {
        /// Syntax this parser does not read (libxml2 accepted it, so it is an extension or a
        /// corner of the grammar).
        case syntax
        /// A function the evaluator does not implement (or an unknown one, which libxml2 reports).
        case function
        /// An axis the evaluator does not implement (`namespace::`).
        case axis
        /// A variable in a namespace.
        case variable
    }

    /// What kind of reason.
    public let kind: Kind
    /// The reason, for people.
    public let detail: String

    init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// `kind: detail`.
    public var description: String { "\(kind.rawValue): \(detail)" }
}
