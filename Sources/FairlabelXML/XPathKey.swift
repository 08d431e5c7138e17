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

    /// When `use` is one attribute in no namespace (`@id`, as nearly every key's is): its name,
    /// read straight from each indexed element.
    let useAttribute: String?

    /// Creates a key declaration.
    public init(name: String, match: XPathExpression, use: XPathExpression) {
        self.name = name
        self.match = match
        self.use = use
        self.useAttribute = Self.attributeName(in: use.source)
    }

    /// The attribute's local name when `source` is one attribute step without prefix or
    /// predicates (`@id`, `attribute::id`), as the XPath parser reads it; nil otherwise.
    static func attributeName(in source: String) -> String? {
        guard case .path(.contextNode, let steps)? = try? XPathParser.parse(source), steps.count == 1, steps[0].axis == .attribute,
            steps[0].predicates.isEmpty, case .name(nil, let local) = steps[0].test
        else { return nil }
        return local
    }
}
