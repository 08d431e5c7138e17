import FairlabelXML

/// The rule contexts of a schema's active patterns that one walk over a document selects
/// together (`XPathSelectionMatcher`): every branch of a context that uses no variable and is a
/// path of named child steps (`s:supplyChain/s:site`, `/s:submission`), perhaps with predicates
/// on its last step that do not select by position (`s:site[s:riskRating = 'high']`). A schema has dozens
/// of contexts, each a walk over the whole document when evaluated by itself; matched together
/// they cost one walk per document. Only the selections change: which rule claims a node (the
/// first of its pattern whose context selects it) is decided by the validation as before.
struct RuleContextSelections: Sendable {
    /// The distinct constant branches, as compiled in the rules.
    let branches: [XPathExpression]
    private let matcher: XPathSelectionMatcher

    /// Collects the constant branches of every rule of `patterns`.
    init(patterns: [CompiledPattern]) {
        var branches: [XPathExpression] = []
        var seen: Set<ObjectIdentifier> = []
        for pattern in patterns {
            for rule in pattern.rules where rule.selectionIsConstant {
                for branch in rule.selection where seen.insert(ObjectIdentifier(branch)).inserted {
                    branches.append(branch)
                }
            }
        }
        self.init(matchable: branches)
    }

    /// Prepares the walk for those of `candidates` the matcher can select.
    init(matchable candidates: [XPathExpression]) {
        let matcher = XPathSelectionMatcher(candidates)
        self.branches = candidates.indices.filter { matcher.matches(expressionAt: $0) }.map { candidates[$0] }
        self.matcher = XPathSelectionMatcher(self.branches)
    }

    /// The nodes each branch selects in `context`'s document, by the branch's identity; empty
    /// when the walk is not made (the context uses libxml2's evaluator, or the walk would pass
    /// the context's operation limit), and without the branches that are left to evaluation.
    func select(in context: XPathContext) -> [ObjectIdentifier: XPathObject] {
        walk(in: context) { ObjectIdentifier($0) }
    }

    /// The nodes each branch selects in a context's document, by the branch's source text;
    /// empty or without some branches as ``select(in:)`` says.
    func selectBySource(in context: XPathContext) -> [String: XPathObject] {
        walk(in: context) { $0.source }
    }

    /// The walk's selections, each under the key `key` gives its branch.
    private func walk<Key: Hashable>(in context: XPathContext, key: (XPathExpression) -> Key) -> [Key: XPathObject] {
        guard !branches.isEmpty, let selected = matcher.select(in: context) else { return [:] }
        var result: [Key: XPathObject] = [:]
        for (branch, nodes) in zip(branches, selected) {
            if let nodes { result[key(branch)] = nodes }
        }
        return result
    }

    /// This schema's branches found in `walked` (selections by source text, made by a walk for
    /// several schemas that bind the same prefixes to the same namespaces), by identity.
    func select(from walked: [String: XPathObject]) -> [ObjectIdentifier: XPathObject] {
        guard !walked.isEmpty else { return [:] }
        var result: [ObjectIdentifier: XPathObject] = [:]
        for branch in branches {
            if let nodes = walked[branch.source] { result[ObjectIdentifier(branch)] = nodes }
        }
        return result
    }
}
