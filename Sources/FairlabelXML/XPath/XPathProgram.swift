/// An expression compiled into closures over libxml2's tree: code for each result type a
/// caller asks for, built once and shared by every evaluation, on any thread.
///
/// It keeps no `XPathSyntax`: the syntax tree is only needed while compiling, and it is an
/// indirect enum whose boxes are referenced through pointers carrying the case in their spare
/// high bits, which LeakSanitizer cannot follow (a program held by a process-lifetime object,
/// such as a fuzz target's auditor, was reported as leaking its whole syntax tree).
final class XPathProgram: Sendable {
    let value: XPathValueCode
    let boolean: XPathBooleanCode
    let string: XPathStringCode

    /// Compiles `source`.
    /// - Throws: `XPathUnsupported` when it uses something the compiled evaluator leaves to
    ///   libxml2.
    init(_ source: String) throws(XPathUnsupported) {
        let syntax = try XPathParser.parse(source)
        var compiler = XPathCompiler()
        compiler.repeated = XPathRepeatedNodeSets(in: syntax)
        compiler.invariants = XPathInvariants(in: syntax)
        let value = try compiler.value(syntax)
        let libxml2 = XPathLibxml2Streaming.evaluation(of: source)
        guard libxml2.streams else {
            self.value = value
            boolean = try compiler.boolean(syntax)
            string = try compiler.string(syntax)
            return
        }
        // libxml2 returns the nodes of a streamed expression in document order, unsorted, and
        // without the context node where its pattern cannot match at depth 0 (`.//.`); there,
        // its boolean and string come from that set too.
        let dropsContextNode = libxml2.leavesOutContextNode && Self.canSelectContextNode(syntax)
        let keepsOnlyRoot = Self.isRootThenSelfAndDescendants(syntax)
        let streamed: XPathValueCode = { focus, context in
            let result = try value(focus, context)
            guard case .nodes(var nodes) = result else { return result }
            if dropsContextNode { nodes.removeAll { $0 == focus.node } }
            if keepsOnlyRoot {
                let root = try XPathPathCompiler.documentNode(of: focus.node)
                nodes.removeAll { $0 != root }
            }
            return .nodes(XPathNodeOrder.documentOrder(nodes))
        }
        if dropsContextNode || keepsOnlyRoot {
            boolean = { focus, context in try streamed(focus, context).boolean }
            string = { focus, context in try streamed(focus, context).string }
        } else {
            boolean = try compiler.boolean(syntax)
            string = try compiler.string(syntax)
        }
        self.value = streamed
    }

    /// Whether `syntax` is `/.` followed by `.` and `//` steps only (`/.//.`, `/././/.`): a
    /// pattern libxml2 2.9.14 streams but whose walk matches the document node alone, so that
    /// it returns only that node where XPath selects every node of the document (a fuzz
    /// finding, FUZZING.md). `//.` and `/.//b` are streamed as XPath reads them.
    private static func isRootThenSelfAndDescendants(_ syntax: XPathSyntax) -> Bool {
        guard case .path(start: .root, let steps) = syntax, let first = steps.first, first.axis == .self else { return false }
        return steps.allSatisfy { step in
            (step.axis == .self || step.axis == .descendantOrSelf) && step.test == .node && step.predicates.isEmpty
        }
    }

    /// Whether `syntax` may select the node it is evaluated at: a relative path (or a union with
    /// one) of `self::node()` and `descendant-or-self::node()` steps only, such as `.//.`. Any
    /// other step moves off that node for good in a streamable expression, which has no
    /// predicates and no reverse axes.
    private static func canSelectContextNode(_ syntax: XPathSyntax) -> Bool {
        switch syntax {
        case .union(let left, let right):
            return canSelectContextNode(left) || canSelectContextNode(right)
        case .path(start: .contextNode, let steps):
            return steps.allSatisfy { step in
                (step.axis == .self || step.axis == .descendantOrSelf) && step.test == .node && step.predicates.isEmpty
            }
        default:
            return false
        }
    }
}
