/// A token of an XPath 1.0 expression, after the disambiguation rules of XPath 1.0 § 3.7.
enum XPathToken: Sendable, Equatable {
    case leftParenthesis, rightParenthesis, leftBracket, rightBracket
    case dot, dotDot, at, comma, doubleColon
    case slash, doubleSlash, pipe
    case plus, minus, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    /// `and`, `or`, `mod`, `div` or `*` where an operator is expected.
    case operatorName(XPathOperator)
    /// `*`, `prefix:*`, `name` or `prefix:name` where a node test is expected.
    case nameTest(XPathNodeTest)
    /// `node`, `text`, `comment` or `processing-instruction` before `(`.
    case nodeType(String)
    /// A function name before `(`.
    case functionName(prefix: String?, local: String)
    /// An axis name before `::`.
    case axisName(XPathAxis)
    case literal(String)
    case number(Double)
    case variable(prefix: String?, local: String)

    /// Whether a `*` or a name after this token is an operator (XPath 1.0 § 3.7).
    var makesNextAnOperator: Bool {
        switch self {
        case .at, .doubleColon, .leftParenthesis, .leftBracket, .comma, .operatorName, .slash, .doubleSlash, .pipe, .plus, .minus,
            .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            false
        default: true
        }
    }
}
