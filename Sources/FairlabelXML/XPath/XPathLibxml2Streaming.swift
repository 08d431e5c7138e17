internal import CLibXML2

/// Whether libxml2 2.9.14 evaluates an expression by its streaming patterns instead of its
/// XPath interpreter, which decides the order of the node-set it returns.
///
/// `xmlXPathCtxtCompile` first tries `xmlXPathTryStreamCompile` (xpath.c): an expression
/// without `[`, `(` or `@`, and without `:` when the compiling context binds no namespace
/// (`XPathExpression` compiles with none), that `xmlPatterncompile` accepts as a streamable
/// `XML_PATTERN_XPATH` pattern (`//.`, `/r/a`, `a//b`, `.`, `*`, unions of such) is kept as a
/// pattern. `xmlXPathRunStreamEval` then walks the tree and returns the matching nodes in
/// document order, never sorted. Every other node-set an expression returns has been through
/// `xmlXPathNodeSetSort`, whose comparison is not document order where text, comments or
/// processing instructions meet the elements of a numbered document (`XPathNodeOrder`).
enum XPathLibxml2Streaming {
    /// Whether libxml2 compiles `source` to a streaming pattern.
    static func streams(_ source: String) -> Bool {
        guard
            !source.utf8.contains(where: {
                $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ":")
            })
        else { return false }
        guard let pattern = xmlPatterncompile(source, nil, Int32(XML_PATTERN_XPATH.rawValue), nil) else { return false }
        // Rule: compiled here only to ask whether it streams; freed here.
        defer { xmlFreePattern(pattern) }
        return xmlPatternStreamable(pattern) == 1
    }
}
