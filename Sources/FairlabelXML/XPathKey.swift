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

    /// The attribute name when `source` is `@name` (a name without prefix, spaces allowed
    /// around it), nil otherwise.
    static func attributeName(in source: String) -> String? {
        let trimmed = source.utf8.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard trimmed.first == UInt8(ascii: "@") else { return nil }
        var name = trimmed.dropFirst()
        while let last = name.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { name = name.dropLast() }
        // ASCII names only: anything else (a prefix, a wildcard, a step, a non-ASCII name) is
        // evaluated as written.
        guard let first = name.first, first == UInt8(ascii: "_") || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z"))
        else { return nil }
        let valid = name.allSatisfy { byte in
            byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        }
        return valid ? String(decoding: name, as: UTF8.self) : nil
    }
}
