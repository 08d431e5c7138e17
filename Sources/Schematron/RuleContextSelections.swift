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
    /// For each rule context by number (``CompiledRule/selectionNumber``), the positions in
    /// ``branches`` of its branches; nil for a context with a branch left to evaluation, or one
    /// that uses variables. Empty for a walk made for several schemas.
    let branchesOfSelection: [[Int]?]
    private let matcher: XPathSelectionMatcher

    /// Collects the constant branches of every rule of `patterns`.
    init(patterns: [CompiledPattern]) {
        var branches: [XPathExpression] = []
        var seen: Set<ObjectIdentifier> = []
        let rules = patterns.flatMap(\.rules)
        for rule in rules where rule.selectionIsConstant {
            for branch in rule.selection where seen.insert(ObjectIdentifier(branch)).inserted {
                branches.append(branch)
            }
        }
        let matchable = RuleContextSelections(matchable: branches)
        var positions: [ObjectIdentifier: Int] = [:]
        for (position, branch) in matchable.branches.enumerated() { positions[ObjectIdentifier(branch)] = position }
        var branchesOfSelection = [[Int]?](repeating: nil, count: rules.map { $0.selectionNumber + 1 }.max() ?? 0)
        for rule in rules where rule.selectionIsConstant {
            let found = rule.selection.compactMap { positions[ObjectIdentifier($0)] }
            if found.count == rule.selection.count { branchesOfSelection[rule.selectionNumber] = found }
        }
        self.branches = matchable.branches
        self.branchesOfSelection = branchesOfSelection
        self.matcher = matchable.matcher
    }

    /// Prepares the walk for those of `candidates` the matcher can select.
    init(matchable candidates: [XPathExpression]) {
        let matcher = XPathSelectionMatcher(candidates)
        self.branches = candidates.indices.filter { matcher.matches(expressionAt: $0) }.map { candidates[$0] }
        self.branchesOfSelection = []
        self.matcher = matcher.droppingUnmatched()
    }

    /// The nodes each branch selects in `context`'s document, by the branch's position in
    /// ``branches``: nil for a branch left to evaluation, and empty altogether when the walk is
    /// not made (the context uses libxml2's evaluator, or the walk would pass the context's
    /// operation limit).
    func select(in context: XPathContext) -> [XPathObject?] {
        guard !branches.isEmpty, let selected = matcher.select(in: context) else { return [] }
        return selected
    }
}
