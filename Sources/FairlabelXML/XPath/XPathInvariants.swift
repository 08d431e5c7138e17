/// The subexpressions of predicates whose value is the same for every node a predicate tests:
/// those that read neither the context node nor its position, only `current()`, variables,
/// the document's root and constants, as `substring-before(concat(current()/s:language, '-'),
/// '-')` in `$languages/s:language[. = substring-before(concat(current()/s:language, '-'), '-')]`.
///
/// Within one evaluation `current()` and the variables do not change, so such a subexpression
/// has one value per evaluation (per document, for a path from the root), and the compiled
/// code computes it once and hands the same value to every node the predicate tests
/// (`XPathContext.invariantValue`). Only the largest such subexpressions are kept, and only
/// those that cost more than reading a constant or a variable.
struct XPathInvariants: Sendable {
    /// The kinds of value a subexpression is asked for, each kept apart.
    enum Kind: Int, CaseIterable {
        case value, boolean, number, string, nodes
    }

    /// The invariant subexpressions; an expression's number is its index.
    private let invariants: [XPathSyntax]

    /// No subexpression kept.
    static let none = XPathInvariants(invariants: [])

    private init(invariants: [XPathSyntax]) {
        self.invariants = invariants
    }

    /// The invariant subexpressions of the predicates of `syntax`, at any depth.
    init(in syntax: XPathSyntax) {
        var found: [XPathSyntax] = []
        Self.collect(syntax, inPredicate: false, into: &found)
        invariants = found
    }

    /// Whether no subexpression is kept.
    var isEmpty: Bool { invariants.isEmpty }

    /// Where the value of `syntax`, asked for as `kind`, is kept when `syntax` is invariant.
    func slot(of syntax: XPathSyntax, as kind: Kind) -> Int? {
        guard !invariants.isEmpty, let number = invariants.firstIndex(of: syntax) else { return nil }
        return number * Kind.allCases.count + kind.rawValue
    }

    private static func collect(_ syntax: XPathSyntax, inPredicate: Bool, into found: inout [XPathSyntax]) {
        if inPredicate, isFocusIndependent(syntax) {
            if !isCheap(syntax), !found.contains(syntax) { found.append(syntax) }
            return
        }
        switch syntax {
        case .path(let start, let steps):
            if let primary = start.expression { collect(primary, inPredicate: inPredicate, into: &found) }
            for predicate in steps.flatMap(\.predicates) { collect(predicate, inPredicate: true, into: &found) }
        case .filter(let primary, let predicates):
            collect(primary, inPredicate: inPredicate, into: &found)
            for predicate in predicates { collect(predicate, inPredicate: true, into: &found) }
        default:
            for child in syntax.subexpressions { collect(child, inPredicate: inPredicate, into: &found) }
        }
    }

    /// Whether `syntax` has the same value at every context node, position and size of one
    /// evaluation in one document.
    static func isFocusIndependent(_ syntax: XPathSyntax) -> Bool {
        switch syntax {
        case .number, .literal, .variable:
            return true
        case .negate(let operand, _):
            return isFocusIndependent(operand)
        case .binary(_, let left, let right), .union(let left, let right):
            return isFocusIndependent(left) && isFocusIndependent(right)
        case .function(let prefix, let name, let arguments):
            guard prefix == nil else { return false }
            switch name {
            case "current": return true
            // The context position or size, or the context node's language or document.
            case "position", "last", "lang", "id", "key": return false
            // Without an argument, these read the context node.
            case "string", "number", "string-length", "normalize-space", "local-name", "namespace-uri", "name":
                return !arguments.isEmpty && arguments.allSatisfy(isFocusIndependent)
            default: return arguments.allSatisfy(isFocusIndependent)
            }
        case .path(let start, _):
            // The steps' predicates test the path's own nodes.
            switch start {
            case .root: return true
            case .contextNode: return false
            case .expression(let primary): return isFocusIndependent(primary)
            }
        case .filter(let primary, _):
            return isFocusIndependent(primary)
        }
    }

    /// Whether `syntax` costs no more to evaluate than to find a kept value: a constant, a
    /// variable, `current()`, a call without arguments, or these negated.
    private static func isCheap(_ syntax: XPathSyntax) -> Bool {
        switch syntax {
        case .number, .literal, .variable: true
        case .negate(let operand, _): isCheap(operand)
        case .function(_, _, let arguments): arguments.isEmpty
        default: false
        }
    }
}
