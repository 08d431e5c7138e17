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
///
/// The walk also decides which nodes are in the set. It starts at the context node's children
/// and adds the context node itself only when the pattern can match at depth 0; a relative
/// pattern whose shallowest match is deeper never includes the context node, even where XPath
/// does: `.//.` at an element gives its descendants without the element (and nothing at all at
/// text or an attribute, whose children the walk does not look at).
enum XPathLibxml2Streaming {
    /// How libxml2 evaluates an expression.
    struct Evaluation: Equatable {
        /// Whether libxml2 compiles it to a streaming pattern.
        let streams: Bool
        /// Whether the streamed set never holds the context node (a relative pattern whose
        /// shallowest match is below it).
        let leavesOutContextNode: Bool
    }

    /// How libxml2 evaluates `source`.
    static func evaluation(of source: String) -> Evaluation {
        let interpreted = Evaluation(streams: false, leavesOutContextNode: false)
        guard
            !source.utf8.contains(where: {
                $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ":")
            })
        else { return interpreted }
        guard let pattern = xmlPatterncompile(source, nil, Int32(XML_PATTERN_XPATH.rawValue), nil) else { return interpreted }
        // Rule: compiled here only to ask how it is evaluated; freed here.
        defer { xmlFreePattern(pattern) }
        guard xmlPatternStreamable(pattern) == 1 else { return interpreted }
        return Evaluation(streams: true, leavesOutContextNode: xmlPatternFromRoot(pattern) == 0 && xmlPatternMinDepth(pattern) > 0)
    }
}
