internal import CLibXML2

/// Compiles location paths and filter expressions: steps walk their axis once per context
/// node, apply predicates as they go (positions counted in axis order), stop as soon as the
/// caller has the nodes it asked for, and sort only when the result may be out of document
/// order.
struct XPathPathCompiler {
    let compiler: XPathCompiler

    /// A predicate ready to evaluate.
    private enum Predicate: Sendable {
        /// `[n]` for a positive integer n.
        case position(Int)
        /// A number compared with the position.
        case number(XPathNumberCode)
        /// Anything converted to a boolean.
        case boolean(XPathBooleanCode)
        /// A value whose type is known only at evaluation.
        case value(XPathValueCode)

        func accepts(_ focus: XPathFocus, _ context: XPathContext) throws -> Bool {
            switch self {
            case .position(let wanted): return focus.position == wanted
            case .number(let code): return try code(focus, context) == Double(focus.position)
            case .boolean(let code): return try code(focus, context)
            case .value(let code):
                let value = try code(focus, context)
                if case .number(let number) = value { return number == Double(focus.position) }
                return value.boolean
            }
        }
    }

    /// A step ready to evaluate.
    private struct Step: Sendable {
        let axis: XPathAxis
        let test: XPathNodeTestMatcher
        let predicates: [Predicate]
        /// Whether no predicate needs the context size (`last()`), so that predicates run
        /// while the axis is walked.
        let streams: Bool
        /// For `[n]` first: how many matches of the node test to look at, at most.
        let firstLimit: Int

        /// Appends the nodes this step selects from `node` to `output`, in document order,
        /// stopping once `output` holds `limit` nodes.
        func select(from node: XPathFocus, _ context: XPathContext, uri: [xmlChar]?, into output: inout [xmlNodePtr], limit: Int) throws {
            let start = output.count
            var visited = 0
            if predicates.isEmpty {
                XPathAxes.walk(axis, from: node.node) { candidate in
                    visited += 1
                    guard test.matches(candidate, uri: uri) else { return true }
                    output.append(candidate)
                    return output.count < limit
                }
            } else if streams {
                var positions = [Int](repeating: 0, count: predicates.count)
                try XPathAxes.walk(axis, from: node.node) { candidate in
                    visited += 1
                    guard test.matches(candidate, uri: uri) else { return true }
                    for (index, predicate) in predicates.enumerated() {
                        positions[index] += 1
                        guard try predicate.accepts(XPathFocus(node: candidate, position: positions[index], size: 0), context) else {
                            return positions[0] < firstLimit
                        }
                    }
                    output.append(candidate)
                    return output.count < limit && positions[0] < firstLimit
                }
            } else {
                var candidates: [xmlNodePtr] = []
                XPathAxes.walk(axis, from: node.node) { candidate in
                    visited += 1
                    if test.matches(candidate, uri: uri) { candidates.append(candidate) }
                    return true
                }
                for predicate in predicates {
                    var kept: [xmlNodePtr] = []
                    for (index, candidate) in candidates.enumerated()
                    where try predicate.accepts(XPathFocus(node: candidate, position: index + 1, size: candidates.count), context) {
                        kept.append(candidate)
                    }
                    candidates = kept
                }
                output += candidates.prefix(max(0, limit - output.count))
            }
            if axis.isReverse { output[start...].reverse() }
            try context.countCompiledOperations(visited)
        }
    }

    // MARK: - Paths

    func path(start: XPathPathStart, steps syntaxSteps: [XPathStep]) throws(XPathUnsupported) -> XPathNodesCode {
        let steps = try Self.rewritten(syntaxSteps).map { (step) throws(XPathUnsupported) in try compile(step) }
        let prefixes = steps.compactMap(\.test.prefix)
        let origin: XPathNodesCode?
        switch start {
        case .root, .contextNode: origin = nil
        case .expression(let primary): origin = try compiler.nodes(primary)
        }
        let fromRoot = start == .root
        return { focus, context, limit in
            // libxml2 resolves every step's prefix, even where the path is already empty.
            var uris: [[xmlChar]] = []
            for prefix in prefixes { uris.append(try context.compiledNamespaceURI(prefix)) }
            var current: [xmlNodePtr]
            if let origin {
                current = try origin(focus, context, .max)
            } else if fromRoot {
                guard let document = focus.node.pointee.doc else { throw XPathEvaluationFailure(reason: "a node without a document") }
                current = [UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)]
            } else {
                current = [focus.node]
            }
            var flat = current.count <= 1
            var uriIndex = 0
            for (index, step) in steps.enumerated() {
                var uri: [xmlChar]?
                if step.test.prefix != nil {
                    uri = uris[uriIndex]
                    uriIndex += 1
                }
                let isLast = index == steps.count - 1
                let stepLimit = isLast ? limit : .max
                var output: [xmlNodePtr] = []
                for node in current {
                    try step.select(from: XPathFocus(node: node, position: 1, size: 1), context, uri: uri, into: &output, limit: stepLimit)
                    if output.count >= stepLimit { break }
                }
                let keepsOrder = current.count <= 1 || (flat && step.axis.keepsOrderFromFlatNodes)
                if !keepsOrder { output = try XPathNodeOrder.sorted(output) }
                flat = output.count <= 1 || (flat && step.axis.keepsFlatNodesFlat)
                current = output
            }
            return limit == .max ? try XPathNodeOrder.libxml2Order(current) : current
        }
    }

    /// `descendant-or-self::node()/child::t` becomes `descendant::t` when the child step has no
    /// positional predicate: the same nodes, found in one walk and already in document order.
    private static func rewritten(_ steps: [XPathStep]) -> [XPathStep] {
        var result: [XPathStep] = []
        for step in steps {
            if let previous = result.last, previous.axis == .descendantOrSelf, previous.test == .node, previous.predicates.isEmpty,
                step.axis == .child, step.predicates.allSatisfy({ !XPathFocusUse.isPositional($0) })
            {
                result[result.count - 1] = XPathStep(axis: .descendant, test: step.test, predicates: step.predicates)
            } else {
                result.append(step)
            }
        }
        return result
    }

    private func compile(_ step: XPathStep) throws(XPathUnsupported) -> Step {
        guard step.axis != .namespace else { throw XPathUnsupported(.axis, "the namespace axis") }
        let predicates = try step.predicates.map { (syntax) throws(XPathUnsupported) in try predicate(syntax) }
        var firstLimit = Int.max
        if case .position(let wanted) = predicates.first { firstLimit = wanted }
        return Step(
            axis: step.axis, test: XPathNodeTestMatcher(step.test, axis: step.axis), predicates: predicates,
            streams: !step.predicates.contains(where: XPathFocusUse.usesLast), firstLimit: firstLimit)
    }

    private func predicate(_ syntax: XPathSyntax) throws(XPathUnsupported) -> Predicate {
        if case .number(let number) = syntax, number >= 1, number == number.rounded(), number < Double(Int32.max) {
            return .position(Int(number))
        }
        switch XPathCompiler.type(of: syntax) {
        case .number: return .number(try compiler.number(syntax))
        case .unknown: return .value(try compiler.value(syntax))
        default: return .boolean(try compiler.boolean(syntax))
        }
    }

    // MARK: - Filters

    func filter(_ primary: XPathSyntax, predicates syntaxPredicates: [XPathSyntax]) throws(XPathUnsupported) -> XPathNodesCode {
        let origin = try compiler.nodes(primary)
        let predicates = try syntaxPredicates.map { (syntax) throws(XPathUnsupported) in try predicate(syntax) }
        return { focus, context, _ in
            var candidates = try origin(focus, context, .max)
            try context.countCompiledOperations(candidates.count * predicates.count)
            for predicate in predicates {
                var kept: [xmlNodePtr] = []
                for (index, candidate) in candidates.enumerated()
                where try predicate.accepts(XPathFocus(node: candidate, position: index + 1, size: candidates.count), context) {
                    kept.append(candidate)
                }
                candidates = kept
            }
            return candidates
        }
    }
}

extension XPathAxis {
    /// Whether this axis, stepped from each node of a list in document order in which no node
    /// is an ancestor of another, gives its nodes in document order.
    fileprivate var keepsOrderFromFlatNodes: Bool {
        switch self {
        case .child, .attribute, .self, .descendant, .descendantOrSelf: true
        default: false
        }
    }

    /// Whether this axis, stepped from such a list, gives a list in which no node is an
    /// ancestor of another.
    fileprivate var keepsFlatNodesFlat: Bool {
        switch self {
        case .child, .attribute, .self: true
        default: false
        }
    }
}

/// Whether an expression reads the context position or size of its own focus (not of the
/// predicates nested in it, which have their own).
enum XPathFocusUse {
    /// Whether a predicate selects by position: a number, a value of unknown type, or a
    /// reference to `position()` or `last()`.
    static func isPositional(_ syntax: XPathSyntax) -> Bool {
        switch XPathCompiler.type(of: syntax) {
        case .number, .unknown: return true
        default: return uses(["position", "last"], in: syntax)
        }
    }

    /// Whether the expression calls `last()` for its own focus.
    static func usesLast(_ syntax: XPathSyntax) -> Bool {
        uses(["last"], in: syntax)
    }

    private static func uses(_ names: Set<String>, in syntax: XPathSyntax) -> Bool {
        switch syntax {
        case .number, .literal, .variable: false
        case .function(let prefix, let name, let arguments):
            (prefix == nil && names.contains(name)) || arguments.contains { uses(names, in: $0) }
        case .binary(_, let left, let right), .union(let left, let right): uses(names, in: left) || uses(names, in: right)
        case .negate(let operand, _): uses(names, in: operand)
        case .path(.expression(let primary), _): uses(names, in: primary)
        case .path: false
        case .filter(let primary, _): uses(names, in: primary)
        }
    }
}
