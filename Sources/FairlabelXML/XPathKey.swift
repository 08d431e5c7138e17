/// A named index over a document, as XSLT's `xsl:key` declares one: every node that `match`
/// selects is filed under the string values of `use`, evaluated at that node. Once an
/// `XPathContext` knows a key, XSLT's `key(name, value)` function returns the nodes filed under
/// a value in document order, in constant time per value, where the equivalent predicate
/// `//match[use = value]` scans the whole document every time.
///
/// Several keys may share a name; their nodes are then filed together, as in XSLT.
public struct XPathKey: Sendable {
    /// The name `key()` is called with.
    public let name: String
    /// Selects, from the document node, the nodes to index (for a match pattern `p`, the
    /// expression `//p`).
    public let match: XPathExpression
    /// Evaluated at each selected node: a node-set files it under each node's string value,
    /// any other value under its string value.
    public let use: XPathExpression

    /// Creates a key declaration.
    public init(name: String, match: XPathExpression, use: XPathExpression) {
        self.name = name
        self.match = match
        self.use = use
    }
}
