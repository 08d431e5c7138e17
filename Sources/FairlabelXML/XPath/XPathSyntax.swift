/// An XPath 1.0 expression as parsed: the abstract syntax the compiler turns into closures.
indirect enum XPathSyntax: Sendable, Equatable {
    /// A number literal, with the value libxml2 gives its text.
    case number(Double)
    /// A string literal.
    case literal(String)
    /// `$name` or `$prefix:name`.
    case variable(prefix: String?, name: String)
    /// A function call.
    case function(prefix: String?, name: String, arguments: [XPathSyntax])
    /// A binary operator other than union.
    case binary(XPathOperator, XPathSyntax, XPathSyntax)
    /// Unary minus, applied `count` times (`--x` converts to a number without negating).
    case negate(XPathSyntax, count: Int)
    /// `a | b`.
    case union(XPathSyntax, XPathSyntax)
    /// A location path, absolute or relative, or a filter expression followed by steps.
    case path(start: XPathPathStart, steps: [XPathStep])
    /// A primary expression with predicates: `(…)[…]`, `$v[…]`.
    case filter(XPathSyntax, predicates: [XPathSyntax])
}

extension XPathSyntax {
    /// The expressions written directly inside this one: a function's arguments, an operator's
    /// operands, a path's starting expression and its steps' predicates, a filter's primary
    /// expression and predicates.
    var subexpressions: [XPathSyntax] {
        switch self {
        case .number, .literal, .variable: []
        case .function(_, _, let arguments): arguments
        case .binary(_, let left, let right), .union(let left, let right): [left, right]
        case .negate(let operand, _): [operand]
        case .path(let start, let steps):
            (start.expression.map { [$0] } ?? []) + steps.flatMap(\.predicates)
        case .filter(let primary, let predicates): [primary] + predicates
        }
    }

    /// Whether this expression, or one nested in it at any depth, satisfies `condition`.
    func contains(where condition: (XPathSyntax) -> Bool) -> Bool {
        condition(self) || subexpressions.contains { $0.contains(where: condition) }
    }
}

/// Where a path starts.
indirect enum XPathPathStart: Sendable, Equatable {
    /// `/…`: the document node of the context node.
    case root
    /// A relative path: the context node.
    case contextNode
    /// `expr/…`: the nodes a filter expression selects.
    case expression(XPathSyntax)
}

extension XPathPathStart {
    /// The filter expression a path starts from, if it starts from one.
    var expression: XPathSyntax? {
        if case .expression(let primary) = self { return primary }
        return nil
    }
}

/// One step of a location path: an axis, a node test and predicates.
struct XPathStep: Sendable, Equatable {
    let axis: XPathAxis
    let test: XPathNodeTest
    let predicates: [XPathSyntax]
}

/// The thirteen axes of XPath 1.0.
enum XPathAxis: String, Sendable, Equatable, CaseIterable {
    case ancestor
    case ancestorOrSelf = "ancestor-or-self"
    case attribute
    case child
    case descendant
    case descendantOrSelf = "descendant-or-self"
    case following
    case followingSibling = "following-sibling"
    case namespace
    case parent
    case preceding
    case precedingSibling = "preceding-sibling"
    case `self`

    /// Whether the axis runs backwards in document order, so that positions count from the
    /// context node backwards.
    var isReverse: Bool {
        switch self {
        case .ancestor, .ancestorOrSelf, .preceding, .precedingSibling: true
        default: false
        }
    }
}

/// What a step's node test accepts.
enum XPathNodeTest: Sendable, Equatable {
    /// `name` or `prefix:name`: the axis's principal node type with this expanded name.
    case name(prefix: String?, local: String)
    /// `*` (prefix nil) or `prefix:*`: any node of the principal type (in that namespace).
    case anyName(prefix: String?)
    /// `node()`.
    case node
    /// `text()`: text and CDATA nodes.
    case text
    /// `comment()`.
    case comment
    /// `processing-instruction()` or `processing-instruction('target')`.
    case processingInstruction(String?)
}

/// The binary operators of XPath 1.0 except union.
enum XPathOperator: String, Sendable, Equatable {
    case or, and
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case plus = "+"
    case minus = "-"
    case multiply = "*"
    case divide = "div"
    case modulo = "mod"
}
