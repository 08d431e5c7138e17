internal import CLibXML2

/// Where an expression is evaluated: the context node, position and size (XPath 1.0 § 1).
struct XPathFocus {
    let node: xmlNodePtr
    let position: Int
    let size: Int
}

/// Why a compiled evaluation stopped: an error libxml2 also reports (an undefined variable, a
/// type error) or a value it does not handle. The expression is then evaluated by libxml2,
/// which gives the result or the error users always saw.
struct XPathEvaluationFailure: Error {
    let reason: String
}

/// Compiled code: closures over the focus and the evaluating context, one kind per result type
/// so that a test that needs a boolean never builds a node-set it does not need.
typealias XPathValueCode = @Sendable (XPathFocus, XPathContext) throws -> XPathRuntimeValue
/// Compiled code that yields a boolean.
typealias XPathBooleanCode = @Sendable (XPathFocus, XPathContext) throws -> Bool
/// Compiled code that yields a number.
typealias XPathNumberCode = @Sendable (XPathFocus, XPathContext) throws -> Double
/// Compiled code that yields a string.
typealias XPathStringCode = @Sendable (XPathFocus, XPathContext) throws -> String
/// Compiled code that yields a node-set in document order, stopping after `limit` nodes when
/// the caller needs no more (only whether there is one, say).
typealias XPathNodesCode = @Sendable (XPathFocus, XPathContext, _ limit: Int) throws -> [xmlNodePtr]

/// The static type of an expression, where the syntax tells it.
enum XPathStaticType: Sendable {
    case nodes, string, number, boolean, unknown
}
