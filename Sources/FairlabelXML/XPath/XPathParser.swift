/// Parses XPath 1.0 tokens into `XPathSyntax`, by recursive descent over the grammar of
/// XPath 1.0 § 3.
struct XPathParser {
    private let tokens: [XPathToken]
    private var index = 0
    private var depth = 0

    /// How deeply expressions may nest before the parser gives the expression to libxml2.
    static let maxDepth = 64
    /// How deep the syntax tree may be (operator chains such as `a or b or …` nest to the
    /// left): the compiled code recurses once per level, so deeper trees go to libxml2.
    static let maxTreeDepth = 128

    /// Parses `source`.
    /// - Throws: `XPathUnsupported` when it cannot (libxml2 evaluates the expression instead).
    static func parse(_ source: String) throws(XPathUnsupported) -> XPathSyntax {
        var parser = XPathParser(tokens: try XPathLexer.tokens(of: source))
        let syntax = try parser.expression()
        guard parser.index == parser.tokens.count else { throw XPathUnsupported(.syntax, "text after the end of the expression") }
        guard !exceeds(syntax, depth: maxTreeDepth) else {
            throw XPathUnsupported(.syntax, "the expression nests more than \(maxTreeDepth) levels deep")
        }
        return syntax
    }

    /// Whether `syntax` is deeper than `depth` levels; recurses at most `depth` levels itself.
    private static func exceeds(_ syntax: XPathSyntax, depth: Int) -> Bool {
        guard depth > 0 else { return true }
        let next = depth - 1
        switch syntax {
        case .number, .literal, .variable: return false
        case .function(_, _, let arguments): return arguments.contains { exceeds($0, depth: next) }
        case .binary(_, let left, let right), .union(let left, let right): return exceeds(left, depth: next) || exceeds(right, depth: next)
        case .negate(let operand, _): return exceeds(operand, depth: next)
        case .filter(let primary, let predicates): return exceeds(primary, depth: next) || predicates.contains { exceeds($0, depth: next) }
        case .path(let start, let steps):
            if case .expression(let primary) = start, exceeds(primary, depth: next) { return true }
            return steps.contains { $0.predicates.contains { exceeds($0, depth: next) } }
        }
    }

    private init(tokens: [XPathToken]) {
        self.tokens = tokens
    }

    private var current: XPathToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func advance() { index += 1 }

    private mutating func expect(_ token: XPathToken, _ what: String) throws(XPathUnsupported) {
        guard current == token else { throw XPathUnsupported(.syntax, "\(what) was expected") }
        advance()
    }

    private mutating func expression() throws(XPathUnsupported) -> XPathSyntax {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw XPathUnsupported(.syntax, "nested more than \(Self.maxDepth) levels deep") }
        return try binary(level: 0)
    }

    /// The binary operators by precedence, loosest first.
    private static let levels: [[XPathOperator]] = [
        [.or], [.and], [.equal, .notEqual], [.less, .lessOrEqual, .greater, .greaterOrEqual], [.plus, .minus],
        [.multiply, .divide, .modulo],
    ]

    private func binaryOperator() -> XPathOperator? {
        switch current {
        case .operatorName(let name): name
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .plus: .plus
        case .minus: .minus
        default: nil
        }
    }

    private mutating func binary(level: Int) throws(XPathUnsupported) -> XPathSyntax {
        guard level < Self.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        var chain = 0
        while let found = binaryOperator(), Self.levels[level].contains(found) {
            chain += 1
            guard chain <= Self.maxTreeDepth else { throw XPathUnsupported(.syntax, "more than \(Self.maxTreeDepth) operators in a row") }
            advance()
            let right = try binary(level: level + 1)
            left = .binary(found, left, right)
        }
        return left
    }

    private mutating func unary() throws(XPathUnsupported) -> XPathSyntax {
        var count = 0
        while current == .minus {
            count += 1
            advance()
        }
        let operand = try union()
        return count == 0 ? operand : .negate(operand, count: count)
    }

    private mutating func union() throws(XPathUnsupported) -> XPathSyntax {
        var left = try pathExpression()
        var chain = 0
        while current == .pipe {
            chain += 1
            guard chain <= Self.maxTreeDepth else { throw XPathUnsupported(.syntax, "more than \(Self.maxTreeDepth) unions in a row") }
            advance()
            left = .union(left, try pathExpression())
        }
        return left
    }

    private var startsStep: Bool {
        switch current {
        case .nameTest, .nodeType, .axisName, .at, .dot, .dotDot: true
        default: false
        }
    }

    private static let descendantOrSelf = XPathStep(axis: .descendantOrSelf, test: .node, predicates: [])

    private mutating func pathExpression() throws(XPathUnsupported) -> XPathSyntax {
        switch current {
        case .slash:
            advance()
            return .path(start: .root, steps: startsStep ? try relativePath() : [])
        case .doubleSlash:
            advance()
            return .path(start: .root, steps: [Self.descendantOrSelf] + (try relativePath()))
        case .variable, .leftParenthesis, .literal, .number, .functionName:
            var primary = try primaryExpression()
            var predicates: [XPathSyntax] = []
            while current == .leftBracket { predicates.append(try predicate()) }
            if !predicates.isEmpty { primary = .filter(primary, predicates: predicates) }
            switch current {
            case .slash:
                advance()
                return .path(start: .expression(primary), steps: try relativePath())
            case .doubleSlash:
                advance()
                return .path(start: .expression(primary), steps: [Self.descendantOrSelf] + (try relativePath()))
            default:
                return primary
            }
        default:
            guard startsStep else { throw XPathUnsupported(.syntax, "an expression was expected") }
            return .path(start: .contextNode, steps: try relativePath())
        }
    }

    private mutating func relativePath() throws(XPathUnsupported) -> [XPathStep] {
        var steps = [try step()]
        while true {
            if current == .slash {
                advance()
            } else if current == .doubleSlash {
                advance()
                steps.append(Self.descendantOrSelf)
            } else {
                return steps
            }
            steps.append(try step())
        }
    }

    private mutating func step() throws(XPathUnsupported) -> XPathStep {
        switch current {
        case .dot:
            advance()
            return XPathStep(axis: .self, test: .node, predicates: [])
        case .dotDot:
            advance()
            return XPathStep(axis: .parent, test: .node, predicates: [])
        default: break
        }
        var axis = XPathAxis.child
        if current == .at {
            axis = .attribute
            advance()
        } else if case .axisName(let named) = current {
            axis = named
            advance()
            try expect(.doubleColon, "'::'")
        }
        let test: XPathNodeTest
        switch current {
        case .nameTest(let named):
            test = named
            advance()
        case .nodeType(let type):
            advance()
            try expect(.leftParenthesis, "'('")
            switch type {
            case "node": test = .node
            case "text": test = .text
            case "comment": test = .comment
            default:
                if case .literal(let target) = current {
                    advance()
                    test = .processingInstruction(target)
                } else {
                    test = .processingInstruction(nil)
                }
            }
            try expect(.rightParenthesis, "')'")
        default:
            throw XPathUnsupported(.syntax, "a node test was expected")
        }
        var predicates: [XPathSyntax] = []
        while current == .leftBracket { predicates.append(try predicate()) }
        return XPathStep(axis: axis, test: test, predicates: predicates)
    }

    private mutating func predicate() throws(XPathUnsupported) -> XPathSyntax {
        try expect(.leftBracket, "'['")
        let inner = try expression()
        try expect(.rightBracket, "']'")
        return inner
    }

    private mutating func primaryExpression() throws(XPathUnsupported) -> XPathSyntax {
        switch current {
        case .variable(let prefix, let local):
            advance()
            return .variable(prefix: prefix, name: local)
        case .literal(let text):
            advance()
            return .literal(text)
        case .number(let value):
            advance()
            return .number(value)
        case .leftParenthesis:
            advance()
            let inner = try expression()
            try expect(.rightParenthesis, "')'")
            return inner
        case .functionName(let prefix, let local):
            advance()
            try expect(.leftParenthesis, "'('")
            var arguments: [XPathSyntax] = []
            if current != .rightParenthesis {
                arguments.append(try expression())
                while current == .comma {
                    advance()
                    arguments.append(try expression())
                }
            }
            try expect(.rightParenthesis, "')'")
            return .function(prefix: prefix, name: local, arguments: arguments)
        default:
            throw XPathUnsupported(.syntax, "an expression was expected")
        }
    }
}
