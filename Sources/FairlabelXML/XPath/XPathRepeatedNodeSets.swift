/// The node-set expressions written more than once in one expression: paths and filters that
/// read the same nodes from the same context node, as a Schematron rule's variable inlined into
/// each place it is used (`$r/s:fees > sum($r/s:reimbursed)`, with `$r` a path) makes them.
///
/// Such an expression's node-set depends only on the context node within one evaluation (the
/// variables and `current()` do not change during it), so the compiled code builds it once per
/// context node and evaluation and hands the same nodes to every place that asks
/// (`XPathContext.repeatedNodeSet`). Expressions that read the context position or size
/// (`position()`, `last()`) anywhere, and one-step paths, which cost less to walk again than to
/// keep, are not shared.
struct XPathRepeatedNodeSets: Sendable {
    /// The repeated expressions; an expression's number is its index.
    private let repeated: [XPathSyntax]

    /// No expression shared.
    static let none = XPathRepeatedNodeSets(repeated: [])

    private init(repeated: [XPathSyntax]) {
        self.repeated = repeated
    }

    /// The node-set expressions of `syntax` (at any depth) written more than once.
    init(in syntax: XPathSyntax) {
        var candidates: [(syntax: XPathSyntax, count: Int)] = []
        Self.collect(syntax, into: &candidates)
        repeated = candidates.filter { $0.count > 1 }.map(\.syntax)
    }

    /// The number of `syntax` when it is shared.
    func number(of syntax: XPathSyntax) -> Int? {
        repeated.firstIndex(of: syntax)
    }

    private static func collect(_ syntax: XPathSyntax, into candidates: inout [(syntax: XPathSyntax, count: Int)]) {
        switch syntax {
        case .path, .filter:
            if cost(of: syntax) >= 2, !readsContextPositionOrSize(syntax) {
                if let index = candidates.firstIndex(where: { $0.syntax == syntax }) {
                    candidates[index].count += 1
                    // Its parts are counted once, with the first: where it is shared they are
                    // not evaluated again.
                    return
                }
                candidates.append((syntax, 1))
            }
        default: break
        }
        for child in syntax.subexpressions { collect(child, into: &candidates) }
    }

    /// Steps taken to evaluate a path or filter, roughly: one per step and per filter.
    private static func cost(of syntax: XPathSyntax) -> Int {
        switch syntax {
        case .path(let start, let steps):
            if case .expression(let primary) = start { return steps.count + cost(of: primary) }
            return steps.count
        case .filter(let primary, _): return 1 + cost(of: primary)
        default: return 0
        }
    }

    private static func readsContextPositionOrSize(_ syntax: XPathSyntax) -> Bool {
        syntax.contains { if case .function(nil, let name, _) = $0 { name == "position" || name == "last" } else { false } }
    }
}
