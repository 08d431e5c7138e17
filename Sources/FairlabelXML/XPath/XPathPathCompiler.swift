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

        /// Keeps the nodes of `nodes` (a list in the order positions count) that this predicate
        /// accepts, in place.
        func keep(_ nodes: inout [xmlNodePtr], _ context: XPathContext) throws {
            let size = nodes.count
            var kept = 0
            for index in 0..<size {
                let candidate = nodes[index]
                guard try accepts(XPathFocus(node: candidate, position: index + 1, size: size), context) else { continue }
                nodes[kept] = candidate
                kept += 1
            }
            nodes.removeLast(size - kept)
        }

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

    /// A step ready to evaluate. A class, so that the visit of a path reads its steps by
    /// reference: a struct holding arrays and strings was copied, with a retain for each of
    /// them, at every node a step was taken from.
    private final class Step: Sendable {
        let axis: XPathAxis
        let test: XPathNodeTestMatcher
        let predicates: [Predicate]
        /// Whether no predicate needs the context size (`last()`), so that predicates run
        /// while the axis is walked.
        let streams: Bool
        /// For `[n]` first: how many matches of the node test to look at, at most.
        let firstLimit: Int

        init(axis: XPathAxis, test: XPathNodeTestMatcher, predicates: [Predicate], streams: Bool, firstLimit: Int) {
            self.axis = axis
            self.test = test
            self.predicates = predicates
            self.streams = streams
            self.firstLimit = firstLimit
        }

        /// Appends the nodes this step selects from `node` to `output`, in document order,
        /// stopping once `output` holds `limit` nodes.
        func select(
            from node: XPathFocus, _ context: XPathContext, uri: UnsafePointer<xmlChar>?, into output: inout [xmlNodePtr], limit: Int
        ) throws {
            let start = output.count
            var visited = 0
            // The walks' closures capture this copy, not `self`: capturing `self` retains the
            // step on every call, and a call is made for each node a path step starts from.
            let test = self.test
            let probe = context.nameProbe(for: test, from: node.node)
            if predicates.isEmpty {
                visited = Self.walk(axis, test, from: node.node, name: probe) { candidate in
                    guard test.matches(candidate, uri: uri, name: probe) else { return true }
                    output.append(candidate)
                    return output.count < limit
                }
            } else if streams {
                var positions = [Int](repeating: 0, count: predicates.count)
                visited = try Self.walk(axis, test, from: node.node, name: probe) { candidate in
                    guard test.matches(candidate, uri: uri, name: probe) else { return true }
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
                var candidates = context.nodeArena.list()
                defer { context.nodeArena.giveBack(&candidates) }
                visited = Self.walk(axis, test, from: node.node, name: probe) { candidate in
                    if test.matches(candidate, uri: uri, name: probe) { candidates.append(candidate) }
                    return true
                }
                for predicate in predicates { try predicate.keep(&candidates, context) }
                output += candidates.prefix(max(0, limit - output.count))
            }
            if axis.isReverse { output[start...].reverse() }
            try context.countCompiledOperations(visited)
        }

        /// Walks `axis` from `node`, calling `visit` with each node `test` may accept, until it
        /// returns false; returns how many nodes were looked at. On the child and descendant
        /// axes, a name or `*` test reads the document's child index (`ElementChildIndex`): only
        /// elements are looked at, and for a name only those with its interned pointer are
        /// visited; a name the document's dictionary does not hold is no element's. Otherwise
        /// every node of the axis is looked at.
        @inline(__always)
        static func walk(
            _ axis: XPathAxis, _ test: XPathNodeTestMatcher, from node: xmlNodePtr, name probe: XPathNameProbe,
            _ visit: (xmlNodePtr) throws -> Bool
        ) rethrows -> Int {
            if axis == .child || axis == .descendant, test.acceptsOnlyElementsOrAttributes {
                var name: UnsafePointer<xmlChar>?
                if test.localName != nil {
                    // A name the document's dictionary does not hold is no element's.
                    guard case .interned(let interned) = probe else { return try walkAxis(axis, from: node, visit) }
                    guard let interned else { return 0 }
                    name = interned
                }
                let looked =
                    axis == .child
                    ? try ElementChildIndex.walkChildren(of: node, named: name, visit)
                    : try ElementChildIndex.walkDescendants(of: node, named: name, visit)
                if let looked { return looked }
            }
            return try walkAxis(axis, from: node, visit)
        }

        /// Walks `axis` from `node` node by node; returns how many nodes were looked at.
        private static func walkAxis(_ axis: XPathAxis, from node: xmlNodePtr, _ visit: (xmlNodePtr) throws -> Bool) rethrows -> Int {
            var looked = 0
            try XPathAxes.walk(axis, from: node) { candidate in
                looked += 1
                return try visit(candidate)
            }
            return looked
        }

        /// `each` for steps whose predicates need the whole list first: the nodes are collected
        /// in a list of the context's arena, then given to `body`. Never inlined, so that `each`
        /// stays small enough for its callers' closures to be inlined into its walks.
        @inline(never)
        private func eachCollected(
            from node: xmlNodePtr, _ context: XPathContext, uri: UnsafePointer<xmlChar>?, _ body: (xmlNodePtr) throws -> Bool
        ) throws -> Bool {
            var output = context.nodeArena.list()
            defer { context.nodeArena.giveBack(&output) }
            try select(from: XPathFocus(node: node, position: 1, size: 1), context, uri: uri, into: &output, limit: .max)
            if axis.isReverse { output.reverse() }
            var going = true
            for candidate in output where going { going = try body(candidate) }
            return going
        }

        /// Calls `body` with each node this step selects from `node`, in axis order, until it
        /// returns false; returns false when `body` stopped the walk.
        func each(
            from node: xmlNodePtr, _ context: XPathContext, uri: UnsafePointer<xmlChar>?, _ body: (xmlNodePtr) throws -> Bool
        ) throws -> Bool {
            var going = true
            var visited = 0
            // Copies for the closures below, which would otherwise capture (and retain) `self`.
            let (test, firstLimit) = (self.test, self.firstLimit)
            let probe = context.nameProbe(for: test, from: node)
            if predicates.isEmpty {
                visited = try Self.walk(axis, test, from: node, name: probe) { candidate in
                    guard test.matches(candidate, uri: uri, name: probe) else { return true }
                    going = try body(candidate)
                    return going
                }
            } else if streams, predicates.count == 1 {
                let predicate = predicates[0]
                var position = 0
                visited = try Self.walk(axis, test, from: node, name: probe) { candidate in
                    guard test.matches(candidate, uri: uri, name: probe) else { return true }
                    position += 1
                    if try predicate.accepts(XPathFocus(node: candidate, position: position, size: 0), context) {
                        going = try body(candidate)
                    }
                    return going && position < firstLimit
                }
            } else {
                return try eachCollected(from: node, context, uri: uri, body)
            }
            try context.countCompiledOperations(visited)
            return going
        }
    }

    /// A path whose nodes are visited one at a time, without building node-sets.
    struct Streamed: Sendable {
        /// Calls its closure with each node the path selects, until the closure returns false.
        let visit: @Sendable (XPathFocus, XPathContext, (xmlNodePtr) throws -> Bool) throws -> Void
        /// Whether the nodes come in document order; otherwise only the set of them is right.
        let ordered: Bool
        /// Whether the nodes are elements or attributes only (or the document node), so that the
        /// first one in document order is the first of the node-set libxml2 would build.
        let firstIsExact: Bool
    }

    /// Where a streamed path starts.
    private enum StreamStart: Sendable {
        case contextNode, root, current
        /// A variable (by its name's number) that holds one node; any other value takes the
        /// general code.
        case variable(Int)
    }

    /// The path as a stream of nodes, when it can be visited node by node with each node met
    /// once: it starts from one node (the context node, the root, `current()`, or a variable
    /// holding one node; a variable holding anything else takes `general`) and no step can
    /// reach a node twice. Nil for other paths.
    private static func streamed(start: XPathPathStart, steps: [Step], general: @escaping XPathNodesCode) -> Streamed? {
        let streamStart: StreamStart
        switch start {
        case .contextNode: streamStart = .contextNode
        case .root: streamStart = .root
        case .expression(.function(nil, "current", let arguments)) where arguments.isEmpty: streamStart = .current
        case .expression(.variable(nil, let name)): streamStart = .variable(XPathNumbering.variables.number(of: name))
        default: return nil
        }
        // What is known of the nodes after each step, starting from one node.
        var (single, flat, ordered) = (true, true, true)
        for step in steps {
            switch step.axis {
            case .self: break
            case .child, .attribute:
                ordered = ordered && flat
                single = false
            case .parent:
                guard single else { return nil }
            case .descendant, .descendantOrSelf:
                guard flat else { return nil }
                (single, flat) = (false, false)
            case .followingSibling, .precedingSibling:
                guard single else { return nil }
                ordered = step.axis == .followingSibling
                single = false
            case .following, .preceding, .ancestor, .ancestorOrSelf:
                guard single else { return nil }
                ordered = step.axis == .following
                (single, flat) = (false, false)
            case .namespace: return nil
            }
        }
        // Without steps the path is `/`: the document node.
        let firstIsExact = steps.last.map { $0.test.acceptsOnlyElementsOrAttributes } ?? true
        if case .contextNode = streamStart, steps.count == 1, steps[0].axis == .self, steps[0].predicates.isEmpty,
            steps[0].test.acceptsAnyNode
        {
            // `.`, the most common path of all: the context node itself, with no walk. A set of
            // one node is in libxml2's order whatever the node.
            let step = steps[0]
            return Streamed(
                visit: { focus, context, body in
                    try context.countCompiledOperations(1)
                    if step.test.matches(focus.node, uri: nil, name: .bytes) { _ = try body(focus.node) }
                }, ordered: true, firstIsExact: true)
        }
        // The closure below keeps `steps` alive, so each visit reads them without retaining.
        let guaranteedSteps = steps.map { Unmanaged.passUnretained($0) }
        let prefixedTests = prefixedTests(of: steps)
        return Streamed(
            visit: { focus, context, body in
                // libxml2 resolves every step's prefix, even where the path is already empty.
                for test in prefixedTests { _ = try context.namespaceURI(of: test) }
                let origin: xmlNodePtr
                switch streamStart {
                case .contextNode: origin = focus.node
                case .root: origin = try documentNode(of: focus.node)
                case .current:
                    guard let node = context.currentNode else { throw XPathEvaluationFailure(reason: "no current node") }
                    origin = node
                case .variable(let number):
                    guard let node = try context.singleNode(ofVariableNumbered: number) else {
                        for node in try general(focus, context, .max) { guard try body(node) else { return } }
                        return
                    }
                    origin = node
                }
                _ = try withExtendedLifetime(steps) {
                    try guaranteedSteps.withUnsafeBufferPointer { steps in
                        try visit(steps, from: 0, at: origin, Unmanaged.passUnretained(context), body)
                    }
                }
            }, ordered: ordered, firstIsExact: firstIsExact)
    }

    /// Visits the nodes `steps[index...]` select from `node`; false when `body` stopped. The
    /// caller keeps the steps and the context alive: they are read without a retain at every
    /// node visited, and the closure passed down each step captures only plain values (a
    /// captured array or object was retained several times at every node a step started from).
    private static func visit(
        _ steps: UnsafeBufferPointer<Unmanaged<Step>>, from index: Int, at node: xmlNodePtr, _ context: Unmanaged<XPathContext>,
        _ body: (xmlNodePtr) throws -> Bool
    ) throws -> Bool {
        guard index < steps.count else { return try body(node) }
        return try steps[index]._withUnsafeGuaranteedRef { step in
            try context._withUnsafeGuaranteedRef { evaluation in
                let uri = try evaluation.namespaceURI(of: step.test)
                // The last step hands its nodes to `body` itself: no closure between the walk and
                // the caller.
                if index == steps.count - 1 { return try step.each(from: node, evaluation, uri: uri, body) }
                return try step.each(from: node, evaluation, uri: uri) { candidate in
                    try visit(steps, from: index + 1, at: candidate, context, body)
                }
            }
        }
    }

    // MARK: - Paths

    /// A path compiled once: code that builds its node-set, and code that visits its nodes one
    /// by one where the path allows it.
    struct Compiled: Sendable {
        /// Code that builds the node-set, in document order.
        let nodes: XPathNodesCode
        /// Code that visits the nodes without building node-sets; nil for paths that cannot be
        /// visited so (see ``streamed(start:steps:general:)``).
        let streamed: Streamed?
    }

    func path(start: XPathPathStart, steps syntaxSteps: [XPathStep]) throws(XPathUnsupported) -> Compiled {
        let steps = try Self.rewritten(syntaxSteps).map { (step) throws(XPathUnsupported) in try compile(step) }
        let origin: XPathNodesCode?
        switch start {
        case .root, .contextNode: origin = nil
        case .expression(let primary): origin = try compiler.nodes(primary)
        }
        let fromRoot = start == .root
        // The closure below keeps `steps` alive, so each evaluation reads them without retaining.
        let guaranteedSteps = steps.map { Unmanaged.passUnretained($0) }
        let prefixedTests = Self.prefixedTests(of: steps)
        let general: XPathNodesCode = { focus, context, limit in
            // libxml2 resolves every step's prefix, even where the path is already empty.
            for test in prefixedTests { _ = try context.namespaceURI(of: test) }
            // Lists between steps come from the context's arena and go back to it; the last
            // step's list is the result, and the origin's belongs to the code that made it.
            let arena = context.nodeArena
            var current: [xmlNodePtr]
            var currentIsScratch = false
            if let origin {
                current = try origin(focus, context, .max)
            } else {
                current = arena.list()
                current.append(fromRoot ? try Self.documentNode(of: focus.node) : focus.node)
                currentIsScratch = !steps.isEmpty
            }
            var flat = current.count <= 1
            try withExtendedLifetime(steps) {
                for (index, unmanaged) in guaranteedSteps.enumerated() {
                    try unmanaged._withUnsafeGuaranteedRef { step in
                        let uri = try context.namespaceURI(of: step.test)
                        let isLast = index == guaranteedSteps.count - 1
                        let stepLimit = isLast ? limit : .max
                        var output = isLast ? [] : arena.list()
                        for node in current {
                            try step.select(
                                from: XPathFocus(node: node, position: 1, size: 1), context, uri: uri, into: &output, limit: stepLimit)
                            if output.count >= stepLimit { break }
                        }
                        let keepsOrder = current.count <= 1 || (flat && step.axis.keepsOrderFromFlatNodes)
                        var outputIsScratch = !isLast
                        if !keepsOrder {
                            let sorted = try XPathNodeOrder.sorted(output)
                            if outputIsScratch { arena.giveBack(&output) }
                            (output, outputIsScratch) = (sorted, false)
                        }
                        flat = output.count <= 1 || (flat && step.axis.keepsFlatNodesFlat)
                        if currentIsScratch { arena.giveBack(&current) }
                        (current, currentIsScratch) = (output, outputIsScratch)
                    }
                }
            }
            return limit == .max ? try XPathNodeOrder.libxml2Order(current) : current
        }
        return Compiled(nodes: general, streamed: Self.streamed(start: start, steps: steps, general: general))
    }

    /// The node tests of `steps` that have a prefix, whose namespace an evaluation resolves
    /// first (plain values: reading them retains nothing).
    private static func prefixedTests(of steps: [Step]) -> [XPathNodeTestMatcher] {
        steps.map(\.test).filter { $0.prefixNumber != nil }
    }

    /// The document node of `node`'s document, where `/` starts.
    static func documentNode(of node: xmlNodePtr) throws -> xmlNodePtr {
        guard let document = node.pointee.doc else { throw XPathEvaluationFailure(reason: "a node without a document") }
        return UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
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

    // MARK: - Existence

    /// Whether a path of one step from the context node, without predicates (`*`, `s:tier`,
    /// `@currency`), selects any node: the step's axis walked until its first match, without a
    /// stream around the walk. Rule contexts such as `*[not(*)]` or `s:*[@currency]` ask it of
    /// every element of a document. Nil for any other path.
    func existence(start: XPathPathStart, steps syntaxSteps: [XPathStep]) throws(XPathUnsupported) -> XPathBooleanCode? {
        guard case .contextNode = start, syntaxSteps.count == 1, syntaxSteps[0].predicates.isEmpty, syntaxSteps[0].axis != .namespace
        else { return nil }
        if syntaxSteps[0].axis == .attribute, case .name(prefix: nil, let local) = syntaxSteps[0].test {
            return XPathAttributePresence.code(for: [local])
        }
        if syntaxSteps[0].axis == .child, case .anyName(prefix: nil) = syntaxSteps[0].test {
            // `*`: whether the node has an element child, the question of `*[not(*)]`.
            return { focus, context in
                var (visited, found) = (0, false)
                XPathAxes.walk(.child, from: focus.node) { candidate in
                    visited += 1
                    found = candidate.pointee.type == XML_ELEMENT_NODE
                    return !found
                }
                try context.countCompiledOperations(visited)
                return found
            }
        }
        let step = try compile(syntaxSteps[0])
        return { focus, context in
            // libxml2 resolves the step's prefix before it walks, as a stream does.
            let uri = try context.namespaceURI(of: step.test)
            return try !step.each(from: focus.node, context, uri: uri) { _ in false }
        }
    }

    // MARK: - Filters

    func filter(_ primary: XPathSyntax, predicates syntaxPredicates: [XPathSyntax]) throws(XPathUnsupported) -> XPathNodesCode {
        let origin = try compiler.nodes(primary)
        let predicates = try syntaxPredicates.map { (syntax) throws(XPathUnsupported) in try predicate(syntax) }
        return { focus, context, _ in
            var candidates = try origin(focus, context, .max)
            try context.countCompiledOperations(candidates.count * predicates.count)
            for predicate in predicates { try predicate.keep(&candidates, context) }
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
