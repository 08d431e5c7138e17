/// The name of an XPath variable, numbered once when made so that a context binds and reads it
/// by that number, without hashing or comparing the name at every evaluation. Make one for each
/// variable a program binds, when the program is prepared, and bind it with the context's
/// `setVariable(_:to:)` that takes one.
///
/// Numbers are given for the life of the process, one per distinct name: make names from what a
/// schema or a program declares, not from the documents it reads.
public struct XPathVariableName: Hashable, Sendable, CustomStringConvertible {
    /// The name, without `$`; a variable in a namespace is written `{uri}local`.
    public let name: String
    /// The name's number among every variable name of the process.
    let number: Int

    /// The variable named `name` (without `$`).
    public init(_ name: String) {
        self.name = name
        self.number = XPathNumbering.variables.number(of: name)
    }

    /// The name, without `$`.
    public var description: String { name }

    /// Whether the two names are the same.
    public static func == (lhs: XPathVariableName, rhs: XPathVariableName) -> Bool {
        lhs.number == rhs.number
    }

    /// Hashes the name's number.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
    }
}
