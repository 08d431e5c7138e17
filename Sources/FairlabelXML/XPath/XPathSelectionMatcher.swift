internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Selecting expressions of the form `//a/b/c` or `/a/b/c` (child steps with a name or `*`
/// test), the last step perhaps with predicates that do not select by position
/// (`//a/b[c > 1][not(@d)]`), evaluated together in one walk over a document, instead of one
/// walk per expression: each element is tested against every expression by matching its steps
/// upwards, from the element to its ancestors, as an XSLT processor matches patterns; the
/// elements an expression's steps match are then kept where its predicates hold.
///
/// Schematron's rule contexts are such selections (`s:supplyChain/s:site` is selected by
/// `//s:supplyChain/s:site`), and a schema has dozens of them, each a walk over the whole
/// document when evaluated one by one. The nodes an expression gets are the nodes its evaluation
/// selects, in document order; expressions of any other form are left to the caller to evaluate.
public struct XPathSelectionMatcher: Sendable {
    /// A pattern's predicates as one test of a node. In a struct, so that an array of them
    /// holds the closure as it is, not wrapped in a conversion thunk as an array of closures does.
    private struct Filter: Sendable {
        let holds: XPathBooleanCode
    }

    /// One matched expression: where its tests are in ``tests`` (first step first), and whether
    /// the first step starts at the document node (`/a`) rather than anywhere (`//a`). Plain
    /// values only, so that reading one during the walk retains nothing.
    private struct Pattern: Sendable {
        let first: Int
        let count: Int
        let anchored: Bool
    }

    /// The pattern of each expression given, nil for an expression of another form.
    private let patterns: [Pattern?]
    /// Every pattern's tests, pattern after pattern.
    private let tests: [XPathNodeTestMatcher]
    /// The predicates of each pattern's last step, compiled into one test that holds where all
    /// of them hold (nil for none, and for expressions of another form): one call per node,
    /// where a list would be walked, and each closure retained, at every node.
    private let filters: [Filter?]

    /// Prepares the matching of `expressions`; those of another form are marked as such.
    public init(_ expressions: [XPathExpression]) {
        var patterns: [Pattern?] = []
        var tests: [XPathNodeTestMatcher] = []
        var filters: [Filter?] = []
        for expression in expressions {
            guard let (steps, anchored) = Self.steps(of: expression.source),
                case let (true, filter) = Self.compiledPredicates(of: steps[steps.count - 1])
            else {
                patterns.append(nil)
                filters.append(nil)
                continue
            }
            patterns.append(Pattern(first: tests.count, count: steps.count, anchored: anchored))
            filters.append(filter)
            for step in steps {
                tests.append(XPathNodeTestMatcher(step.test, axis: .child))
            }
        }
        self.patterns = patterns
        self.tests = tests
        self.filters = filters
    }

    private init(patterns: [Pattern?], tests: [XPathNodeTestMatcher], filters: [Filter?]) {
        self.patterns = patterns
        self.tests = tests
        self.filters = filters
    }

    /// Whether the expression at `index` is matched by ``select(in:)``.
    public func matches(expressionAt index: Int) -> Bool {
        patterns[index] != nil
    }

    /// This matcher for the expressions it matches only, in their order: an expression's
    /// position is then counted among those, and ``select(in:)`` selects for each of them.
    public func droppingUnmatched() -> XPathSelectionMatcher {
        let kept = patterns.indices.filter { patterns[$0] != nil }
        return XPathSelectionMatcher(patterns: kept.map { patterns[$0] }, tests: tests, filters: kept.map { filters[$0] })
    }

    /// The child steps of `source` after `//` (not anchored) or `/` (anchored), when it is a path
    /// from the document node through child steps with name tests, and predicates on the last
    /// step only.
    private static func steps(of source: String) -> (steps: [XPathStep], anchored: Bool)? {
        guard case .path(start: .root, let steps)? = try? XPathParser.parse(source), !steps.isEmpty else { return nil }
        var rest = steps[...]
        var anchored = true
        if let first = rest.first, first.axis == .descendantOrSelf, first.test == .node, first.predicates.isEmpty {
            anchored = false
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        for (index, step) in rest.enumerated() {
            guard step.axis == .child, step.predicates.isEmpty || index == rest.count - 1 else { return nil }
            switch step.test {
            case .name, .anyName: continue
            default: return nil
            }
        }
        return (Array(rest), anchored)
    }

    /// The predicates of `step` compiled into one test of a node that holds where each holds
    /// (tested in order, stopping at the first that does not), when each one keeps a node for
    /// what the node is, not for where it stands: so that testing the nodes the steps match, in
    /// document order, keeps what the path's own evaluation keeps. `supported` is false when one
    /// selects by position (a number, `position()`, `last()`, a value of unknown type), reads a
    /// variable or `current()` (the matcher evaluates before variables are bound, and at the
    /// matched node rather than the path's context), or is left to libxml2; `filter` is nil when
    /// the step has no predicate.
    ///
    /// The test is folded as the predicates are compiled, never kept in an array of closures:
    /// a closure taken out of one is wrapped in a conversion thunk, called at every node.
    private static func compiledPredicates(of step: XPathStep) -> (supported: Bool, filter: Filter?) {
        var combined: XPathBooleanCode?
        for predicate in step.predicates {
            guard !XPathFocusUse.isPositional(predicate), !readsVariablesOrCurrent(predicate),
                let code = try? XPathCompiler().boolean(predicate)
            else {
                return (false, nil)
            }
            if let before = combined {
                combined = { focus, context in
                    guard try before(focus, context) else { return false }
                    return try code(focus, context)
                }
            } else {
                combined = code
            }
        }
        return (true, combined.map(Filter.init(holds:)))
    }

    /// Whether `syntax`, or any expression nested in it (predicates included), reads a variable
    /// or calls `current()`.
    private static func readsVariablesOrCurrent(_ syntax: XPathSyntax) -> Bool {
        syntax.contains { nested in
            switch nested {
            case .variable: true
            case .function(nil, "current", _): true
            default: false
            }
        }
    }

    /// The nodes each expression selects in `context`'s document, evaluated from its document
    /// node, in document order; nil for an expression this matcher leaves to evaluation (another
    /// form, or a prefix the context does not bind, whose error evaluation reports). Returns nil
    /// altogether when the context uses libxml2's evaluator, which then evaluates every
    /// expression as before, or when the walk would take more nodes than the context's
    /// operation limit allows (evaluation then stops with the error users get).
    ///
    /// Each element is looked up once by its name (libxml2 interns names, so by pointer) in a
    /// table made during the walk: the patterns whose last test accepts that name. Only those
    /// are matched further, upwards through the parents. An expression's predicates are then
    /// evaluated at each node its steps matched, as one evaluation of the expression (its
    /// operations counted from the walk on); when they stop on an error or the operation limit,
    /// the expression is left to evaluation, which reports what stopped it.
    public func select(in context: XPathContext) -> [XPathObject?]? {
        guard context.evaluatorChoice == .compiled else { return nil }
        var uris: [UnsafePointer<xmlChar>?] = []
        var resolved: [Bool] = []
        for test in tests {
            // A test without a prefix has no URI: nil, and resolved.
            do {
                uris.append(try context.namespaceURI(of: test))
                resolved.append(true)
            } catch {
                uris.append(nil)
                resolved.append(false)
            }
        }
        var usable: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            guard let pattern, resolved[pattern.first..<pattern.first + pattern.count].allSatisfy({ $0 }) else { continue }
            usable.append(index)
        }
        let root = context.document.documentNode.xmlNode
        let probes = tests.map { context.nameProbe(for: $0, from: root) }
        // The usable patterns by the name their last test accepts: by the document's interned
        // pointer for that name; those whose last test is `*`, or whose names are compared
        // byte for byte, are tried on every element name.
        var byInternedName: [UnsafePointer<xmlChar>: [Int]] = [:]
        var onEveryName: [Int] = []
        for index in usable {
            guard let pattern = patterns[index] else { continue }
            let last = pattern.first + pattern.count - 1
            guard tests[last].localName != nil, case .interned(let interned) = probes[last] else {
                onEveryName.append(index)
                continue
            }
            // A name the dictionary does not hold is no element's name.
            if let interned { byInternedName[interned, default: []].append(index) }
        }
        // By element name: the usable patterns whose last test accepts it, as a range of
        // `candidates`.
        var rows = NameTable()
        var candidates: [Int] = []
        var found: [[xmlNodePtr]] = Array(repeating: [], count: patterns.count)
        let limit = context.operationLimit ?? Int.max
        var visited = 0
        var current = root.pointee.children
        while let node = current {
            visited += 1
            guard visited <= limit else { return nil }
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name {
                let range: Range<Int>
                if let known = rows.find(name) {
                    range = known
                } else {
                    let start = candidates.count
                    candidates += byInternedName[UnsafePointer(name)] ?? []
                    for index in onEveryName {
                        guard let pattern = patterns[index] else { continue }
                        if let local = tests[pattern.first + pattern.count - 1].localName, strcmp(name, local) != 0 { continue }
                        candidates.append(index)
                    }
                    range = start..<candidates.count
                    rows.insert(name, range)
                }
                for candidate in range {
                    let index = candidates[candidate]
                    guard let pattern = patterns[index], matches(node, pattern, uris, probes) else { continue }
                    found[index].append(node)
                }
            }
            // The next node in document order, as XPathAxes' descendant axis walks.
            if let child = node.pointee.children, node.pointee.type == XML_ELEMENT_NODE {
                current = child
                continue
            }
            var climber = node
            current = nil
            while climber != root {
                if let next = climber.pointee.next {
                    current = next
                    break
                }
                guard let parent = climber.pointee.parent else { break }
                climber = parent
            }
        }
        var result: [XPathObject?] = []
        for (index, pattern) in patterns.enumerated() {
            guard let pattern, resolved[pattern.first..<pattern.first + pattern.count].allSatisfy({ $0 }) else {
                result.append(nil)
                continue
            }
            if let filter = filters[index] {
                result.append(kept(found[index], by: filter.holds, walked: visited, in: context).map(context.object(fromOrdered:)))
            } else {
                result.append(context.object(fromOrdered: found[index]))
            }
        }
        return result
    }

    /// The nodes of `nodes` (in document order) where `predicate` holds, in one evaluation that
    /// counts the `walked` nodes first; nil when the evaluation stops.
    private func kept(_ nodes: [xmlNodePtr], by predicate: XPathBooleanCode, walked: Int, in context: XPathContext) -> [xmlNodePtr]? {
        context.prepareCompiledEvaluation(at: context.document.documentNode.xmlNode)
        do {
            try context.countCompiledOperations(walked)
            var kept: [xmlNodePtr] = []
            for node in nodes where try predicate(XPathFocus(node: node, position: 1, size: 1), context) {
                kept.append(node)
            }
            return kept
        } catch {
            return nil
        }
    }

    /// Whether `node` is selected by `pattern`: its last test accepts the node, each earlier
    /// test the parent of the node the next one accepted, and the first one's node has the
    /// document node as its parent when the pattern is anchored (any parent otherwise).
    @inline(__always)
    private func matches(_ node: xmlNodePtr, _ pattern: Pattern, _ uris: [UnsafePointer<xmlChar>?], _ probes: [XPathNameProbe]) -> Bool {
        var current = node
        var index = pattern.first + pattern.count - 1
        while true {
            guard tests[index].matches(current, uri: uris[index], name: probes[index]) else { return false }
            guard let parent = current.pointee.parent else { return false }
            if index == pattern.first {
                guard pattern.anchored else { return true }
                return parent.pointee.type == XML_DOCUMENT_NODE || parent.pointee.type == XML_HTML_DOCUMENT_NODE
            }
            current = parent
            index -= 1
        }
    }

    /// Ranges of candidates by element name, keyed by the name's pointer: an open-addressing
    /// table, because a dictionary's hashing of the key cost more than the rest of the walk.
    private struct NameTable {
        // Room for 512 names before it grows: a submission has a few hundred element names,
        // and each growth copies the table.
        private var keys = [UInt](repeating: 0, count: 1024)
        private var values = [Range<Int>](repeating: 0..<0, count: 1024)
        private var count = 0

        private static func slot(of key: UInt, mask: Int) -> Int {
            Int(truncatingIfNeeded: ((key >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        }

        /// The range stored for `name`, if any.
        func find(_ name: UnsafePointer<xmlChar>) -> Range<Int>? {
            let key = UInt(bitPattern: name)
            let mask = keys.count - 1
            var slot = Self.slot(of: key, mask: mask)
            while true {
                let stored = keys[slot]
                if stored == key { return values[slot] }
                if stored == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }

        /// Stores `range` for `name`, which is not stored yet.
        mutating func insert(_ name: UnsafePointer<xmlChar>, _ range: Range<Int>) {
            if (count + 1) * 2 > keys.count {
                let (oldKeys, oldValues) = (keys, values)
                keys = [UInt](repeating: 0, count: oldKeys.count * 2)
                values = [Range<Int>](repeating: 0..<0, count: oldKeys.count * 2)
                for (key, value) in zip(oldKeys, oldValues) where key != 0 { place(key, value) }
            }
            place(UInt(bitPattern: name), range)
            count += 1
        }

        private mutating func place(_ key: UInt, _ value: Range<Int>) {
            let mask = keys.count - 1
            var slot = Self.slot(of: key, mask: mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }
}
