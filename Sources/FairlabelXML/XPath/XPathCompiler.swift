internal import CLibXML2

/// Compiles `XPathSyntax` into closures, choosing for each subexpression the code for the type
/// its parent needs (a boolean, a number, a string, nodes), so that conversions are decided
/// once, here, and not on every evaluation.
struct XPathCompiler {
    /// The node-set expressions of the expression being compiled that are written more than
    /// once, built once per context node and evaluation.
    var repeated = XPathRepeatedNodeSets.none
    /// The subexpressions of the expression's predicates that have one value per evaluation,
    /// computed once per evaluation and document.
    var invariants = XPathInvariants.none

    /// This compiler without invariants, for the code that computes one.
    private var withoutInvariants: XPathCompiler {
        var compiler = self
        compiler.invariants = .none
        return compiler
    }

    /// Code that computes `code`'s value once per evaluation and document, kept in `slot`:
    /// `keep` makes the kept form of a value, `read` takes the value back out of it.
    private static func once<T>(
        _ slot: Int, _ code: @escaping @Sendable (XPathFocus, XPathContext) throws -> T,
        keep: @escaping @Sendable (T) -> XPathInvariantValue, read: @escaping @Sendable (XPathInvariantValue) -> T?
    ) -> @Sendable (XPathFocus, XPathContext) throws -> T {
        { focus, context in
            if let kept = try context.invariantValue(slot, at: focus.node), let value = read(kept) { return value }
            let before = context.compiledOperations
            let value = try code(focus, context)
            context.keepInvariantValue(keep(value), slot: slot, at: focus.node, operations: context.compiledOperations &- before)
            return value
        }
    }

    /// The static type of `syntax`.
    static func type(of syntax: XPathSyntax) -> XPathStaticType {
        switch syntax {
        case .number, .negate: .number
        case .literal: .string
        case .variable: .unknown
        case .function(_, let name, _): XPathFunctionLibrary.resultType(of: name)
        case .binary(let op, _, _):
            switch op {
            case .or, .and, .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: .boolean
            default: .number
            }
        case .union, .path, .filter: .nodes
        }
    }

    // MARK: - Values

    func value(_ syntax: XPathSyntax) throws(XPathUnsupported) -> XPathValueCode {
        if let slot = invariants.slot(of: syntax, as: .value) {
            return Self.once(
                slot, try withoutInvariants.value(syntax), keep: { .value($0) },
                read: { if case .value(let value) = $0 { value } else { nil } })
        }
        switch syntax {
        case .number(let number):
            return { _, _ in .number(number) }
        case .literal(let text):
            return { _, _ in .string(text) }
        case .variable(let prefix, let name):
            guard prefix == nil else { throw XPathUnsupported(.variable, "$\(prefix ?? ""):\(name) is in a namespace") }
            let number = XPathNumbering.variables.number(of: name)
            return { _, context in try context.compiledVariable(numbered: number) }
        case .function(let prefix, let name, let arguments):
            return try XPathFunctionLibrary.value(prefix: prefix, name: name, arguments: arguments, compiler: self)
        default:
            switch Self.type(of: syntax) {
            case .boolean:
                let code = try boolean(syntax)
                return { focus, context in .boolean(try code(focus, context)) }
            case .number:
                let code = try number(syntax)
                return { focus, context in .number(try code(focus, context)) }
            case .string:
                let code = try string(syntax)
                return { focus, context in .string(try code(focus, context)) }
            case .nodes, .unknown:
                let code = try nodes(syntax)
                return { focus, context in .nodes(try code(focus, context, .max)) }
            }
        }
    }

    func boolean(_ syntax: XPathSyntax) throws(XPathUnsupported) -> XPathBooleanCode {
        if let slot = invariants.slot(of: syntax, as: .boolean) {
            return Self.once(
                slot, try withoutInvariants.boolean(syntax), keep: { .boolean($0) },
                read: { if case .boolean(let value) = $0 { value } else { nil } })
        }
        if let names = XPathAttributePresence.names(inOrChain: syntax) { return XPathAttributePresence.code(for: names) }
        switch syntax {
        case .binary(.or, let left, let right):
            let (first, second) = (try boolean(left), try boolean(right))
            return { focus, context in try first(focus, context) || second(focus, context) }
        case .binary(.and, let left, let right):
            let (first, second) = (try boolean(left), try boolean(right))
            return { focus, context in try first(focus, context) && second(focus, context) }
        case .binary(let op, let left, let right) where [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(op):
            return try comparison(op, left, right)
        case .function(nil, let name, let arguments):
            if let code = try XPathFunctionLibrary.boolean(name: name, arguments: arguments, compiler: self) { return code }
        case .variable(nil, let name):
            let number = XPathNumbering.variables.number(of: name)
            return { _, context in try context.compiledVariableBoolean(numbered: number) }
        default: break
        }
        switch Self.type(of: syntax) {
        case .nodes:
            if case .path(let start, let steps) = syntax,
                let code = try XPathPathCompiler(compiler: self).existence(start: start, steps: steps)
            {
                return code
            }
            let source = try nodeSource(syntax)
            if let streamed = source.streamed {
                return { focus, context in
                    var found = false
                    try streamed.visit(focus, context) { _ in
                        found = true
                        return false
                    }
                    return found
                }
            }
            let code = source.nodes
            return { focus, context in !(try code(focus, context, 1)).isEmpty }
        case .number:
            let code = try number(syntax)
            return { focus, context in
                let value = try code(focus, context)
                return value != 0 && !value.isNaN
            }
        case .string:
            let code = try string(syntax)
            return { focus, context in !(try code(focus, context)).utf8.isEmpty }
        default:
            let code = try value(syntax)
            return { focus, context in try code(focus, context).boolean }
        }
    }

    func number(_ syntax: XPathSyntax) throws(XPathUnsupported) -> XPathNumberCode {
        if let slot = invariants.slot(of: syntax, as: .number) {
            return Self.once(
                slot, try withoutInvariants.number(syntax), keep: { .number($0) },
                read: { if case .number(let value) = $0 { value } else { nil } })
        }
        switch syntax {
        case .number(let number):
            return { _, _ in number }
        case .negate(let operand, let count):
            let code = try number(operand)
            if count % 2 == 0 { return code }
            return { focus, context in -(try code(focus, context)) }
        case .binary(let op, let left, let right) where [.plus, .minus, .multiply, .divide, .modulo].contains(op):
            let (first, second) = (try number(left), try number(right))
            switch op {
            case .plus: return { focus, context in try first(focus, context) + second(focus, context) }
            case .minus: return { focus, context in try first(focus, context) - second(focus, context) }
            case .multiply: return { focus, context in try first(focus, context) * second(focus, context) }
            case .divide: return { focus, context in try first(focus, context) / second(focus, context) }
            default: return { focus, context in try first(focus, context).truncatingRemainder(dividingBy: try second(focus, context)) }
            }
        case .function(nil, let name, let arguments):
            if let code = try XPathFunctionLibrary.number(name: name, arguments: arguments, compiler: self) { return code }
        case .variable(nil, let name):
            let number = XPathNumbering.variables.number(of: name)
            return { _, context in try context.compiledVariableNumber(numbered: number) }
        default: break
        }
        switch Self.type(of: syntax) {
        case .nodes:
            let code = try firstNode(syntax)
            return { focus, context in try code(focus, context).map(XPathNodeText.number(of:)) ?? .nan }
        case .string:
            let code = try string(syntax)
            return { focus, context in XPathNodeText.number(of: try code(focus, context)) }
        case .boolean:
            let code = try boolean(syntax)
            return { focus, context in try code(focus, context) ? 1 : 0 }
        default:
            let code = try value(syntax)
            return { focus, context in try code(focus, context).number }
        }
    }

    func string(_ syntax: XPathSyntax) throws(XPathUnsupported) -> XPathStringCode {
        if let slot = invariants.slot(of: syntax, as: .string) {
            return Self.once(
                slot, try withoutInvariants.string(syntax), keep: { .string($0) },
                read: { if case .string(let value) = $0 { value } else { nil } })
        }
        switch syntax {
        case .literal(let text):
            return { _, _ in text }
        case .function(nil, let name, let arguments):
            if let code = try XPathFunctionLibrary.string(name: name, arguments: arguments, compiler: self) { return code }
        default: break
        }
        switch Self.type(of: syntax) {
        case .nodes:
            let code = try firstNode(syntax)
            return { focus, context in try code(focus, context).map(XPathNodeText.string(of:)) ?? "" }
        case .number:
            let code = try number(syntax)
            return { focus, context in XPathNodeText.format(try code(focus, context)) }
        case .boolean:
            let code = try boolean(syntax)
            return { focus, context in try code(focus, context) ? "true" : "false" }
        default:
            let code = try value(syntax)
            return { focus, context in try code(focus, context).string }
        }
    }

    /// Code that yields a node-set, failing at evaluation when the value is of another type
    /// (libxml2 then reports its type error).
    func nodes(_ syntax: XPathSyntax) throws(XPathUnsupported) -> XPathNodesCode {
        if let slot = invariants.slot(of: syntax, as: .nodes) {
            let code = try withoutInvariants.nodes(syntax)
            let kept = Self.once(
                slot, { focus, context in try code(focus, context, .max) }, keep: { .nodes($0) },
                read: { if case .nodes(let nodes) = $0 { nodes } else { nil } })
            return { focus, context, limit in
                let nodes = try kept(focus, context)
                return limit < nodes.count ? Array(nodes.prefix(limit)) : nodes
            }
        }
        guard let number = repeated.number(of: syntax) else { return try unsharedNodes(syntax) }
        let code = try unsharedNodes(syntax)
        return { focus, context, limit in
            let nodes: [xmlNodePtr]
            if let known = try context.repeatedNodeSet(number, at: focus.node) {
                nodes = known
            } else {
                let before = context.compiledOperations
                nodes = try code(focus, context, .max)
                context.keepRepeatedNodeSet(nodes, number: number, at: focus.node, operations: context.compiledOperations &- before)
            }
            return limit < nodes.count ? Array(nodes.prefix(limit)) : nodes
        }
    }

    /// `nodes(syntax)` built at every use.
    private func unsharedNodes(_ syntax: XPathSyntax) throws(XPathUnsupported) -> XPathNodesCode {
        switch syntax {
        case .path(let start, let steps):
            let path = try XPathPathCompiler(compiler: self).path(start: start, steps: steps)
            if let streamed = path.streamed, streamed.ordered {
                return { focus, context, limit in
                    var found: [xmlNodePtr] = []
                    try streamed.visit(focus, context) { node in
                        found.append(node)
                        return found.count < limit
                    }
                    return limit == .max ? try XPathNodeOrder.libxml2Order(found) : found
                }
            }
            return path.nodes
        case .filter(let primary, let predicates):
            return try XPathPathCompiler(compiler: self).filter(primary, predicates: predicates)
        case .union(let left, let right):
            let (first, second) = (try nodes(left), try nodes(right))
            return { focus, context, _ in
                let merged = try first(focus, context, .max) + second(focus, context, .max)
                return try XPathNodeOrder.sorted(merged)
            }
        case .function(nil, let name, let arguments):
            if let code = try XPathFunctionLibrary.nodes(name: name, arguments: arguments, compiler: self) { return code }
        default: break
        }
        let code = try value(syntax)
        return { focus, context, _ in
            guard case .nodes(let nodes) = try code(focus, context) else {
                throw XPathEvaluationFailure(reason: "a node-set was expected")
            }
            return nodes
        }
    }

    /// A node-set expression compiled once: code that builds the node-set, and code that visits
    /// its nodes one by one when it is a path that allows it (`XPathPathCompiler.Streamed`).
    func nodeSource(_ syntax: XPathSyntax) throws(XPathUnsupported) -> (nodes: XPathNodesCode, streamed: XPathPathCompiler.Streamed?) {
        guard case .path(let start, let steps) = syntax, repeated.number(of: syntax) == nil,
            invariants.slot(of: syntax, as: .nodes) == nil
        else { return (try nodes(syntax), nil) }
        let path = try XPathPathCompiler(compiler: self).path(start: start, steps: steps)
        return (path.nodes, path.streamed)
    }

    /// Code for the first node, in libxml2's order, of the node-set `syntax` gives: found
    /// without building the set where the path can be streamed in document order.
    func firstNode(_ syntax: XPathSyntax) throws(XPathUnsupported) -> @Sendable (XPathFocus, XPathContext) throws -> xmlNodePtr? {
        let source = try nodeSource(syntax)
        if let streamed = source.streamed, streamed.ordered, streamed.firstIsExact {
            return { focus, context in
                var first: xmlNodePtr?
                try streamed.visit(focus, context) { node in
                    first = node
                    return false
                }
                return first
            }
        }
        let code = source.nodes
        return { focus, context in try code(focus, context, .max).first }
    }

    /// Code that tells whether some node of `syntax` passes `test`, stopping at the first that
    /// does (the order does not matter).
    private func anyNode(
        _ syntax: XPathSyntax, _ test: @escaping @Sendable (xmlNodePtr) -> Bool
    ) throws(XPathUnsupported) -> XPathBooleanCode {
        let source = try nodeSource(syntax)
        if let streamed = source.streamed {
            return { focus, context in
                var found = false
                try streamed.visit(focus, context) { node in
                    found = test(node)
                    return !found
                }
                return found
            }
        }
        let code = source.nodes
        return { focus, context in try code(focus, context, .max).contains(where: test) }
    }

    // MARK: - Comparisons

    private func comparison(_ op: XPathOperator, _ left: XPathSyntax, _ right: XPathSyntax) throws(XPathUnsupported) -> XPathBooleanCode {
        let types = (Self.type(of: left), Self.type(of: right))
        let negated = op == .notEqual
        if op == .equal || op == .notEqual {
            if let list = XPathCharacterAbsence.characterList(left, right) {
                return try XPathCharacterAbsence.code(list: list, negated: negated, compiler: self)
            }
            // A node-set against a literal: each node's text is compared where it lies.
            if types.0 == .nodes, case .literal(let text) = right { return try nodesEqualText(left, text, negated: negated) }
            if types.1 == .nodes, case .literal(let text) = left { return try nodesEqualText(right, text, negated: negated) }
            if types.0 == .nodes, types.1 == .string { return try nodesEqualString(left, right, negated: negated) }
            if types.1 == .nodes, types.0 == .string { return try nodesEqualString(right, left, negated: negated) }
            if types.0 == .nodes, types.1 == .nodes { return try nodesEqualNodes(left, right, negated: negated) }
            if types.0 == .nodes, types.1 == .number { return try nodesEqualNumber(left, right, negated: negated) }
            if types.1 == .nodes, types.0 == .number { return try nodesEqualNumber(right, left, negated: negated) }
            if types.0 == .number || types.1 == .number, types.0 != .nodes, types.1 != .nodes, types.0 != .unknown,
                types.1 != .unknown, types.0 != .boolean, types.1 != .boolean
            {
                let (first, second) = (try number(left), try number(right))
                return { focus, context in (try first(focus, context) == second(focus, context)) != negated }
            }
            let (first, second) = (try value(left), try value(right))
            return { focus, context in XPathComparison.equal(try first(focus, context), try second(focus, context), negated: negated) }
        }
        if types.0 != .nodes, types.1 != .nodes, types.0 != .unknown, types.1 != .unknown {
            let (first, second) = (try number(left), try number(right))
            return { focus, context in XPathComparison.relate(try first(focus, context), op, try second(focus, context)) }
        }
        if types.0 == .nodes, types.1 != .nodes { return try nodesRelate(left, op, right, nodesOnLeft: true) }
        if types.1 == .nodes, types.0 != .nodes { return try nodesRelate(right, op, left, nodesOnLeft: false) }
        let (first, second) = (try value(left), try value(right))
        return { focus, context in XPathComparison.relate(try first(focus, context), op, try second(focus, context)) }
    }

    private func nodesEqualText(_ syntax: XPathSyntax, _ text: String, negated: Bool) throws(XPathUnsupported) -> XPathBooleanCode {
        // Kept for the life of the process, so that the code holds a plain pointer (an array
        // captured here was retained and released at every node compared); never written after
        // it is made, so any thread reads it.
        nonisolated(unsafe) let bytes = XPathNumbering.literals.entry(of: text).bytes
        return try anyNode(syntax) { node in
            XPathNodeText.withStringValue(of: node) { (xmlStrEqual($0, bytes) != 0) != negated }
        }
    }

    /// `<`, `<=`, `>` or `>=` between a node-set and a value of another type: when that value
    /// is a number or a string, the nodes are visited until one compares true.
    private func nodesRelate(
        _ nodesSyntax: XPathSyntax, _ op: XPathOperator, _ otherSyntax: XPathSyntax, nodesOnLeft: Bool
    ) throws(XPathUnsupported) -> XPathBooleanCode {
        let (source, otherCode) = (try nodeSource(nodesSyntax), try value(otherSyntax))
        let (nodesCode, streamed) = source
        return { focus, context in
            let other = try otherCode(focus, context)
            switch other {
            case .number, .string:
                let number = other.number
                guard let streamed else {
                    return try nodesCode(focus, context, .max).contains { node in
                        let value = XPathNodeText.number(of: node)
                        return nodesOnLeft ? XPathComparison.relate(value, op, number) : XPathComparison.relate(number, op, value)
                    }
                }
                var found = false
                try streamed.visit(focus, context) { node in
                    let value = XPathNodeText.number(of: node)
                    found = nodesOnLeft ? XPathComparison.relate(value, op, number) : XPathComparison.relate(number, op, value)
                    return !found
                }
                return found
            case .nodes, .boolean:
                let nodes = XPathRuntimeValue.nodes(try nodesCode(focus, context, .max))
                return nodesOnLeft ? XPathComparison.relate(nodes, op, other) : XPathComparison.relate(other, op, nodes)
            }
        }
    }

    /// `=` or `!=` between a node-set and a computed string (`translate(., $set, '') = .`): the
    /// string is made first, then the nodes are visited until one compares true, each node's
    /// text read where it lies, without building the node-set.
    private func nodesEqualString(_ syntax: XPathSyntax, _ other: XPathSyntax, negated: Bool) throws(XPathUnsupported) -> XPathBooleanCode {
        let (source, stringCode) = (try nodeSource(syntax), try string(other))
        if let streamed = source.streamed {
            return { focus, context in
                let text = try stringCode(focus, context)
                return try text.withCString { characters in
                    let bytes = UnsafeRawPointer(characters).assumingMemoryBound(to: xmlChar.self)
                    var found = false
                    try streamed.visit(focus, context) { node in
                        found = XPathNodeText.withStringValue(of: node) { (xmlStrEqual($0, bytes) != 0) != negated }
                        return !found
                    }
                    return found
                }
            }
        }
        let code = source.nodes
        return { focus, context in
            let text = try stringCode(focus, context)
            return XPathComparison.nodeSet(try code(focus, context, .max), equals: .string(text), negated: negated)
        }
    }

    /// `=` or `!=` between two node-sets. Where one side can be visited node by node and the
    /// other has few nodes (`country = current()/country` at each of many sites), the first is
    /// visited until a node's value pairs with one of the other's, with neither side's values
    /// copied and the first side's node-set never built.
    private func nodesEqualNodes(_ left: XPathSyntax, _ right: XPathSyntax, negated: Bool) throws(XPathUnsupported) -> XPathBooleanCode {
        let (first, second) = (try nodeSource(left), try nodeSource(right))
        // The side visited (as a stream, and as code for its set), and the side built.
        let (visited, visitedNodes, built): (XPathPathCompiler.Streamed, XPathNodesCode, XPathNodesCode)
        if let streamed = first.streamed {
            (visited, visitedNodes, built) = (streamed, first.nodes, second.nodes)
        } else if let streamed = second.streamed {
            (visited, visitedNodes, built) = (streamed, second.nodes, first.nodes)
        } else {
            return { focus, context in
                let (one, other) = (try first.nodes(focus, context, .max), try second.nodes(focus, context, .max))
                return XPathComparison.nodeSet(one, equals: .nodes(other), negated: negated)
            }
        }
        return { focus, context in
            let others = try built(focus, context, .max)
            guard !others.isEmpty else {
                // Nothing can pair, but libxml2 evaluates both sides: the visited one's errors
                // (a prefix bound to nothing, found before its first node) are the expression's.
                try visited.visit(focus, context) { _ in false }
                return false
            }
            guard others.count <= XPathComparison.fewNodes else {
                return XPathComparison.nodeSet(try visitedNodes(focus, context, .max), equals: .nodes(others), negated: negated)
            }
            var found = false
            try visited.visit(focus, context) { node in
                found = XPathNodeText.withStringValue(of: node) { XPathComparison.nodeSet(others, equalsString: $0, negated: negated) }
                return !found
            }
            return found
        }
    }

    private func nodesEqualNumber(_ syntax: XPathSyntax, _ other: XPathSyntax, negated: Bool) throws(XPathUnsupported) -> XPathBooleanCode {
        let (source, numberCode) = (try nodeSource(syntax), try number(other))
        if let streamed = source.streamed {
            return { focus, context in
                let number = try numberCode(focus, context)
                var found = false
                try streamed.visit(focus, context) { node in
                    let value = XPathNodeText.number(of: node)
                    found = negated ? value != number : value == number
                    return !found
                }
                return found
            }
        }
        let code = source.nodes
        return { focus, context in
            let found = try code(focus, context, .max)
            return XPathComparison.nodeSet(found, equalsNumber: try numberCode(focus, context), negated: negated)
        }
    }
}
